import Foundation
import Mustache

/// A paper in a list, as the `paper-list` template sees it: its `html` is the paper's
/// `paper-item` rendering, made on first use and shared by every page that lists the paper
/// at the same link depth. For change detection it stands for its summary's hash.
struct PaperItem: RenderedItem {
    let index: Int
    let root: String
    let summaryHash: UInt64
    let renderer: SiteRenderer

    func child(named name: String) -> Any? {
        name == "html" ? html : nil
    }

    var html: String { renderer.items.html(index, root: root, renderer: renderer) }

    func addInputs(to hash: inout ContextHash) { hash.add(summaryHash, root: root) }
}

/// Rendered list items by paper, with `SiteRenderer.rootMark` where each page's link root
/// goes; filled on demand from any render thread, or all at once on every core for a full build.
final class ItemMemo: Sendable {
    private let rendered = LockedMemo<Int, String?>()

    func html(_ index: Int, root: String, renderer: SiteRenderer) -> String {
        guard let marked = rendered.value(index, make: { renderer.markedItem(index) }) else { return renderer.renderItem(index, root: root) }
        return Self.replacing(SiteRenderer.rootMark, in: marked, with: root)
    }

    func fill(_ items: [String?]) {
        rendered.fill(Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.offset, $0.element) }))
    }

    /// Every `mark` in `text` replaced, on bytes; the text between marks is copied whole.
    static func replacing(_ mark: String, in text: String, with replacement: String) -> String {
        let mark = Array(mark.utf8), replacement = Array(replacement.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 64)
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            var i = 0
            while i < bytes.count {
                if bytes[i] == mark[0], i + mark.count <= bytes.count, bytes[i..<(i + mark.count)].elementsEqual(mark) {
                    out.append(contentsOf: bytes[run..<i])
                    out += replacement
                    i += mark.count
                    run = i
                } else {
                    i += 1
                }
            }
            out.append(contentsOf: bytes[run..<bytes.count])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

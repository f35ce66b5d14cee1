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
/// goes; filled on demand from any render thread — from the items the last build kept when
/// they are made from the same (`ItemsCache`) — or all at once on every core for a full build.
final class ItemMemo: @unchecked Sendable {
    private let rendered = LockedMemo<Int, String?>()
    /// (Set before any page is rendered, and not after.)
    private var kept: ItemsCache?

    func html(_ index: Int, root: String, renderer: SiteRenderer) -> String {
        guard let marked = item(index, renderer: renderer) else { return renderer.renderItem(index, root: root) }
        return Self.replacing(SiteRenderer.rootMark, in: marked, with: root)
    }

    /// The item with the root mark, made (or taken from those kept) once; nil when it is
    /// rendered for each root (`markedItem`).
    func item(_ index: Int, renderer: SiteRenderer) -> String? {
        rendered.value(index, make: { kept?.item(renderer.summaryHashes[index]) ?? renderer.markedItem(index) })
    }

    func fill(_ items: [String?]) {
        rendered.fill(Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.offset, $0.element) }))
    }

    /// Items to take rather than make, by their inputs' hash; the others made now, on every
    /// core. How many were made.
    func keep(_ cache: ItemsCache?, renderer: SiteRenderer) -> Int {
        kept = cache
        let missing = renderer.summaryHashes.indices.filter { !(cache?.has(renderer.summaryHashes[$0]) ?? false) }
        _ = ParallelMap.run(missing.count) { item(missing[$0], renderer: renderer) != nil }
        return missing.count
    }

    /// Each paper's item, with its hash, as the next build should find it: those made here,
    /// and those kept that were not asked for.
    func toKeep(_ renderer: SiteRenderer) -> [(hash: UInt64, html: String)] {
        renderer.summaryHashes.indices.compactMap { index in
            let hash = renderer.summaryHashes[index]
            let made: String?? = rendered.stored(index)  // (made as nil: rendered per root, not kept)
            guard let html = made ?? kept?.item(hash) else { return nil }
            return (hash, html)
        }
    }

    /// Every `mark` in `text` replaced: found over the stored bytes, then the text's runs
    /// between them appended, with the replacement, to a String with room for all. (Written as
    /// bytes into a new String, each item of every list page was checked again as UTF-8, 5
    /// instructions a byte: 0.75 G instructions of a listing's rebuild at 100k papers. The runs
    /// of a String between the bytes of another String found in it are whole scalars, and
    /// are not checked again.)
    static func replacing(_ mark: String, in text: String, with replacement: String) -> String {
        var (text, mark) = (text, mark)
        let places = text.withUTF8 { text in
            mark.withUTF8 { mark -> [Int] in
                // (Each mark's first byte found by memchr, many bytes at a step.)
                var (places, i) = ([Int](), 0)
                let starts = text.count - mark.count + 1  // (where the mark can start: below this)
                while let found = text.firstIndex(of: mark[0], in: i..<max(i, starts)) {
                    if memcmp(text.baseAddress! + found, mark.baseAddress!, mark.count) == 0 {
                        places.append(found)
                        i = found + mark.count
                    } else {
                        i = found + 1
                    }
                }
                return places
            }
        }
        guard !places.isEmpty else { return text }
        let utf8 = text.utf8
        var result = ""
        result.reserveCapacity(utf8.count + places.count * (replacement.utf8.count - mark.utf8.count))
        var run = 0
        for place in places {
            result.append(contentsOf: text[utf8.index(utf8.startIndex, offsetBy: run)..<utf8.index(utf8.startIndex, offsetBy: place)])
            result.append(replacement)
            run = place + mark.utf8.count
        }
        result.append(contentsOf: text[utf8.index(utf8.startIndex, offsetBy: run)...])
        return result
    }
}

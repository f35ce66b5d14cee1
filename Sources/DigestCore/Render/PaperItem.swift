import Foundation
import Mustache

/// A paper in a list, as the `paper-list` template sees it: its `html` is the paper's
/// `paper-item` rendering, made on first use and shared by every page that lists the paper
/// at the same link depth. For change detection it stands for its summary's hash.
struct PaperItem: MustacheParent {
    let index: Int
    let root: String
    let summaryHash: UInt64
    let renderer: SiteRenderer

    func child(named name: String) -> Any? {
        name == "html" ? renderer.items.html(index, root: root, renderer: renderer) : nil
    }
}

/// Rendered list items by paper and link root, filled on demand from any render thread, or
/// all at once on every core for a full build.
final class ItemMemo: @unchecked Sendable {
    private var rendered: [String: [Int: String]] = [:]
    private let lock = NSLock()

    func html(_ index: Int, root: String, renderer: SiteRenderer) -> String {
        lock.lock()
        if let hit = rendered[root]?[index] { lock.unlock(); return hit }
        lock.unlock()
        let html = renderer.renderItem(index, root: root)
        lock.lock()
        rendered[root, default: [:]][index] = html
        lock.unlock()
        return html
    }

    func fill(root: String, with items: [String]) {
        lock.lock()
        rendered[root] = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.offset, $0.element) })
        lock.unlock()
    }
}

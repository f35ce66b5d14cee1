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
        // An item the last build kept is copied from the cache's bytes with its root put in: not
        // made a text and kept in the memo first (100k texts, ~90 MB, at 100k papers, each
        // checked as UTF-8 twice), and found again by its hash, not under the memo's lock.
        if let kept, let place = kept.place(renderer.summaryHashes[index]) {
            return kept.bytes(at: place) { Self.replacing(SiteRenderer.rootMark, in: $0, with: root) }
        }
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

    /// Every `mark` in `text` replaced, over the stored bytes and into the new text's own
    /// storage (not through an array of bytes, then copied): once per item of every list page.
    static func replacing(_ mark: String, in text: String, with replacement: String) -> String {
        var text = text
        return text.withUTF8 { replacing(mark, in: $0, with: replacement) }
    }

    /// The same over bytes: an item as the items cache has it.
    static func replacing(_ mark: String, in text: UnsafeBufferPointer<UInt8>, with replacement: String) -> String {
        var (mark, replacement) = (mark, replacement)
        return mark.withUTF8 { mark in
            replacement.withUTF8 { replacement in
                // Where the mark next starts at or after `from`; text.count when nowhere.
                // (Its first byte found by memchr, many bytes at a step.)
                func next(_ from: Int) -> Int {
                    let starts = text.count - mark.count + 1  // (where the mark can start: below this)
                    var i = from
                    while let found = text.firstIndex(of: mark[0], in: i..<max(i, starts)) {
                        if memcmp(text.baseAddress! + found, mark.baseAddress!, mark.count) == 0 { return found }
                        i = found + 1
                    }
                    return text.count
                }
                // Room for every place the mark could start, when the replacement is longer:
                // the text is searched once, as it is copied.
                let growth = max(0, replacement.count - mark.count) * (text.count / mark.count)
                return String(unsafeUninitializedCapacity: text.count + growth) { out in
                    var (written, run) = (0, 0)
                    func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                        memcpy(out.baseAddress! + written, base, bytes.count)
                        written += bytes.count
                    }
                    var at = next(0)
                    while at < text.count {
                        copy(UnsafeBufferPointer(rebasing: text[run..<at]))
                        copy(replacement)
                        run = at + mark.count
                        at = next(run)
                    }
                    copy(UnsafeBufferPointer(rebasing: text[run...]))
                    return written
                }
            }
        }
    }
}

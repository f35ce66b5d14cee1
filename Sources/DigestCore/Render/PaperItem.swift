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

    static func write(_ items: [PaperItem], into bytes: inout [UInt8]) -> Bool {
        items.first?.renderer.items.write(items, into: &bytes)
        return true
    }

    func addInputs(to hash: inout ContextHash) { hash.add(summaryHash, root: root) }
}

/// Rendered list items by paper, with `SiteRenderer.rootMark` where each page's link root
/// goes; filled on demand from any render thread — from the items the last build kept when
/// they are made from the same (`ItemsCache`) — or all at once on every core for a full build.
final class ItemMemo: @unchecked Sendable {
    private let rendered = LockedMemo<Int, String?>()
    /// (Set before any page is rendered, and not after.)
    private var kept: ItemsCache?

    /// The item's text at `root`: the bytes `write` puts on a page (for a site template that
    /// asks for `{{html}}`; the build's lists are written as bytes).
    func html(_ index: Int, root: String, renderer: SiteRenderer) -> String {
        var bytes: [UInt8] = []
        write(index, root: root, renderer: renderer, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `body` given the item's bytes with the root mark, or nil when it is rendered for each
    /// root (`markedItem`). An item the last build kept is read from the cache's bytes: not made
    /// a text and kept in the memo first (100k texts, ~90 MB, at 100k papers, each checked as
    /// UTF-8 twice), and found again by its hash, not under the memo's lock.
    private func withMarked<R>(_ index: Int, renderer: SiteRenderer, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        if let kept, let place = kept.place(renderer.summaryHashes[index]) { return kept.bytes(at: place) { body($0) } }
        guard var marked = item(index, renderer: renderer) else { return body(nil) }
        return marked.withUTF8 { body($0) }
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

    /// `items` (of one list) written onto a page's bytes, each as its `html` is, with its root
    /// put in where the mark is. (As texts, each item was made a String, checked as UTF-8 as it
    /// was made, to be appended to the list's and that to the page's: 259k items in a listing's
    /// rebuild at 100k.)
    func write(_ items: [PaperItem], into bytes: inout [UInt8]) {
        for listed in items { write(listed.index, root: listed.root, renderer: listed.renderer, into: &bytes) }
    }

    /// One item at `root` onto `bytes`: its marked bytes with the root put in, or rendered for the root.
    private func write(_ index: Int, root: String, renderer: SiteRenderer, into bytes: inout [UInt8]) {
        var root = root
        withMarked(index, renderer: renderer) { text in
            guard let text else { return bytes += renderer.renderItem(index, root: root).utf8 }
            root.withUTF8 { Self.append(text, replacing: SiteRenderer.rootMark, with: $0, to: &bytes) }
        }
    }

    /// `text` appended to `bytes`, each `mark` in it replaced.
    static func append(_ text: UnsafeBufferPointer<UInt8>, replacing mark: String, with replacement: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var mark = mark
        mark.withUTF8 { mark in
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
            var (run, at) = (0, next(0))
            while at < text.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<at]))
                bytes.append(contentsOf: replacement)
                run = at + mark.count
                at = next(run)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...]))
        }
    }
}

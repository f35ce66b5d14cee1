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

    func html(_ index: Int, root: String, renderer: SiteRenderer) -> String {
        withMarked(index, renderer: renderer) { text in
            text.map { Self.replacing(SiteRenderer.rootMark, in: $0, with: root) } ?? renderer.renderItem(index, root: root)
        }
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
        for listed in items {
            var root = listed.root
            withMarked(listed.index, renderer: listed.renderer) { text in
                guard let text else { return bytes += listed.renderer.renderItem(listed.index, root: listed.root).utf8 }
                root.withUTF8 { Self.append(text, replacing: SiteRenderer.rootMark, with: $0, to: &bytes) }
            }
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
        var replacement = replacement
        return replacement.withUTF8 { replacement in
            // Room for every place the mark could start, when the replacement is longer: the
            // text is searched once, as it is copied.
            let marks = text.count / max(1, mark.utf8.count)
            return String(unsafeUninitializedCapacity: text.count + max(0, replacement.count - mark.utf8.count) * marks) { out in
                var written = 0
                func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                    memcpy(out.baseAddress! + written, base, bytes.count)
                    written += bytes.count
                }
                runs(of: text, around: mark) { run, marked in
                    copy(run)
                    if marked { copy(replacement) }
                }
                return written
            }
        }
    }

    /// `text` appended to `bytes`, each `mark` in it replaced.
    static func append(_ text: UnsafeBufferPointer<UInt8>, replacing mark: String, with replacement: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        runs(of: text, around: mark) { run, marked in
            bytes.append(contentsOf: run)
            if marked { bytes.append(contentsOf: replacement) }
        }
    }

    /// `text` in runs, in order, each given with whether `mark` follows it (and is left out).
    private static func runs(of text: UnsafeBufferPointer<UInt8>, around mark: String, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
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
                body(UnsafeBufferPointer(rebasing: text[run..<at]), true)
                run = at + mark.count
                at = next(run)
            }
            body(UnsafeBufferPointer(rebasing: text[run...]), false)
        }
    }
}

import Mustache

/// A paper page's related papers as one piece of HTML, `{{{related_items}}}` (its items'
/// `related-item` renderings, as `RenderedItems` writes them), which notes where in the page
/// it was written. When a paper template shows its related papers there alone
/// (`standsAlone`), a page whose other inputs are as they were (`SiteRenderer.paperBase`) is
/// the page it was with the new list's bytes in place of the old list's: a rebuild makes it so
/// (`PageSpans`) rather than rendering it.
struct RelatedBlock: MustacheBytesRenderable, HashedByInputs, Sendable {
    let items: RenderedItems<RelatedItem>
    let note = Note()

    /// Where the block went in the page being rendered: known when it was written once, onto
    /// the page's bytes.
    final class Note: @unchecked Sendable {  // (one page's, written and read by its render's thread)
        private var start = 0, end = 0, writes = 0
        /// Its text was asked for as a String (`{{related_items}}`, escaped): where that went is
        /// not known.
        private var spoiled = false

        fileprivate func wrote(_ start: Int, _ end: Int) { (self.start, self.end, writes) = (start, end, writes + 1) }
        fileprivate func spoil() { spoiled = true }

        /// Where the block's bytes are in the page, when the render wrote it there once.
        var span: Range<Int>? { writes == 1 && !spoiled ? start..<end : nil }
    }

    func write(into bytes: inout [UInt8]) {
        let start = bytes.count
        items.write(into: &bytes)
        note.wrote(start, bytes.count)
    }

    var renderText: String {
        note.spoil()
        return items.renderText
    }

    var isNull: Bool { items.isNull }

    func addInputs(to hash: inout ContextHash) { items.addInputs(to: &hash) }

    /// Whether `paper.mustache`, with the templates it includes or inherits from (`text`, by
    /// name), shows a paper's related papers through `{{{related_items}}}` (or
    /// `{{&related_items}}`) once and `has_related` alone: no other tag names anything related,
    /// none renders the whole context (`{{.}}` outside a section), none includes a partial named
    /// by a value or changes the delimiters (text this does not read as it renders). Comments
    /// and pragmas render nothing. Whether the one tag is rendered once, and onto the page's
    /// bytes, each render tells (`Note`).
    static func standsAlone(paper: String, text: (String) -> String?) -> Bool {
        var blocks = 0
        var read: Set<String> = ["paper"]
        // (Over each template's bytes: a scan with Foundation's `range(of:)` and Characters was
        // 6M instructions of every build.)
        func scan(_ template: String) -> Bool {
            let bytes = Array(template.utf8)
            let brace = UInt8(ascii: "{"), closing = UInt8(ascii: "}")
            var open: [UInt8] = []  // the sigils of the tags a `/` closes
            var at = 0
            while let start = Self.find([brace, brace], in: bytes, from: at) {
                let triple = start + 2 < bytes.count && bytes[start + 2] == brace
                let content = start + (triple ? 3 : 2)
                guard let end = Self.find(triple ? [closing, closing, closing] : [closing, closing], in: bytes, from: content) else { return false }
                at = end + (triple ? 3 : 2)
                var tag = bytes[content..<end].drop { $0 == UInt8(ascii: " ") }
                var sigil = triple ? brace : UInt8(ascii: " ")
                if !triple, let first = tag.first, Array("#^/&>!=<$%".utf8).contains(first) {
                    sigil = first
                    tag = tag.dropFirst()
                }
                while let last = tag.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { tag = tag.dropLast() }
                let name = String(decoding: tag.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }, as: UTF8.self)
                switch sigil {
                case UInt8(ascii: "!"), UInt8(ascii: "%"): continue
                case UInt8(ascii: "="): return false
                case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"): open.append(sigil)
                case UInt8(ascii: "/"): _ = open.popLast()
                case UInt8(ascii: "<"), UInt8(ascii: ">"):
                    if sigil == UInt8(ascii: "<") { open.append(sigil) }
                    guard !name.hasPrefix("*") else { return false }
                    // (Each template read once: what it shows is the same wherever it is put.)
                    if !read.contains(name), let included = text(name) {
                        read.insert(name)
                        guard scan(included) else { return false }
                    }
                    continue
                default: break
                }
                if name == "." && !open.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "^") }) { return false }
                guard Self.find(Array("related".utf8), in: Array(name.utf8), from: 0) != nil else { continue }
                if name == "has_related" { continue }
                guard name == "related_items", sigil == brace || sigil == UInt8(ascii: "&") else { return false }
                blocks += 1
            }
            return true
        }
        return scan(paper) && blocks == 1
    }

    /// Where `needle` first is in `bytes` at or after `from`.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var at = from
        while at + needle.count <= bytes.count {
            if bytes[at] == needle[0] && bytes[at..<(at + needle.count)].elementsEqual(needle) { return at }
            at += 1
        }
        return nil
    }
}

extension SiteRenderer {
    /// Paper `index`'s related papers, for its page at `root`.
    func relatedItems(_ index: Int, root: String) -> [RelatedItem] {
        model.related[index].map { RelatedItem(index: $0, root: root, summaryHash: summaryHashes[$0], renderer: self) }
    }

    /// Paper `index`'s page made from `old`, the page as the site has it, whose related list
    /// is at `span`: the new list's bytes in its place, and where they are. The bytes a render
    /// gives when all else the page shows is as it was (`paperBase`) and the template shows its
    /// related papers in that one place alone (`RelatedBlock.standsAlone`, and a render that
    /// wrote the block once).
    func withRelated(_ index: Int, page: Page, in old: UnsafeRawBufferPointer, at span: Range<Int>) -> (bytes: [UInt8], span: Range<Int>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(old.count + 1024)
        bytes += old[..<span.lowerBound]
        let start = bytes.count
        RenderedItems(items: relatedItems(index, root: root(of: page))).write(into: &bytes)
        let end = bytes.count
        bytes += old[span.upperBound...]
        return (bytes, start..<end)
    }
}

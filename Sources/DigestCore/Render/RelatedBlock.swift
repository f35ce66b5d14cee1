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
        let related = Array("related".utf8)
        func scan(_ template: String) -> Bool {
            var open: [UInt8] = []  // the sigils of the tags a `/` closes
            var alone = true
            let closed = TemplateTags.forEach(in: template) { tag in
                switch tag.sigil {
                case UInt8(ascii: "!"), UInt8(ascii: "%"): return true
                case UInt8(ascii: "="):  // (new delimiters: the rest is not read as it renders)
                    alone = false
                    return false
                case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"): open.append(tag.sigil)
                case UInt8(ascii: "/"): _ = open.popLast()
                default: break
                }
                if tag.sigil == UInt8(ascii: "<") || tag.sigil == UInt8(ascii: ">") {
                    // (Each template read once: what it shows is the same wherever it is put.)
                    if tag.name.hasPrefix("*") { alone = false }
                    else if !read.contains(tag.name), let included = text(tag.name) {
                        read.insert(tag.name)
                        alone = scan(included)
                    }
                } else if tag.name == "." {
                    alone = open.contains { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "^") }
                } else if tag.name == "related_items" && (tag.sigil == UInt8(ascii: "{") || tag.sigil == UInt8(ascii: "&")) {
                    blocks += 1
                } else if tag.name != "has_related" && TemplateTags.find(related, in: Array(tag.name.utf8), from: 0) != nil {
                    alone = false
                }
                return alone
            }
            return closed && alone
        }
        return scan(paper) && blocks == 1
    }
}

extension SiteRenderer {
    /// Paper `index`'s related papers, for its page at `root`.
    func relatedItems(_ index: Int, root: String) -> [RelatedItem] {
        model.related[index].map { RelatedItem(index: $0, root: root, summaryHash: summaryHashes[$0], renderer: self) }
    }

    /// Paper `index`'s page made from `page`, the page as the site has it, whose related list
    /// is at `span`: the new list's bytes put in its place, in the page's own array; where they
    /// are. The bytes a render gives when all else the page shows is as it was (`paperBase`)
    /// and the template shows its related papers in that one place alone
    /// (`RelatedBlock.standsAlone`, and a render that wrote the block once).
    func putRelated(_ index: Int, page: Page, into bytes: inout [UInt8], at span: Range<Int>) -> Range<Int> {
        var list: [UInt8] = []
        RenderedItems(items: relatedItems(index, root: root(of: page))).write(into: &list)
        bytes.replaceSubrange(span, with: list)
        return span.lowerBound..<(span.lowerBound + list.count)
    }
}

/// Hashes of a paper's parts that a build's caches find its words and people by: its title and
/// abstract (`KeptWords.textKey`), its authors, tags and venue (`SearchTermCache.fieldsKey`),
/// its byline (`AuthorsCache.bylineKey`), what else its search display entry shows
/// (`SearchIndexBuilder.displayFacts`), and the facts its list item and its page show
/// (`SiteRenderer.summaryKey`, `pageKey`). Worked out when its record is parsed and kept
/// beside it in the paper cache, so a rebuild hashes only the papers it parsed: the texts of
/// 100k papers alone were 50 ms of each rebuild, on its one busy core, the display facts 70 ms
/// of the index's, and the facts of its pages and items 5% of an edit's CPU.
struct PaperKeys: Sendable, Equatable {
    let text: UInt64
    let fields: UInt64
    let byline: UInt64
    let display: UInt64
    let summary: UInt64
    let page: UInt64

    init(_ paper: Paper) {
        self.init(text: KeptWords.textKey(of: paper), fields: SearchTermCache.fieldsKey(paper), byline: AuthorsCache.bylineKey(paper),
                  display: SearchIndexBuilder.displayFacts(paper), summary: SiteRenderer.summaryKey(paper.facts),
                  page: SiteRenderer.pageKey(paper.facts))
    }

    init(text: UInt64, fields: UInt64, byline: UInt64, display: UInt64, summary: UInt64, page: UInt64) {
        (self.text, self.fields, self.byline, self.display) = (text, fields, byline, display)
        (self.summary, self.page) = (summary, page)
    }
}

extension PaperKeys {
    /// Written with the running `digest`'s key: another may hash otherwise.
    func write(to wire: inout [UInt8]) {
        Program.key.write(to: &wire)
        text.write(to: &wire)
        fields.write(to: &wire)
        byline.write(to: &wire)
        display.write(to: &wire)
        summary.write(to: &wire)
        page.write(to: &wire)
    }

    /// Nil when the wire is cut short; `current` false when another `digest` made them.
    static func read(from wire: inout WireReader) -> (keys: PaperKeys, current: Bool)? {
        guard let program = UInt64.read(from: &wire), let text = UInt64.read(from: &wire), let fields = UInt64.read(from: &wire),
              let byline = UInt64.read(from: &wire), let display = UInt64.read(from: &wire),
              let summary = UInt64.read(from: &wire), let page = UInt64.read(from: &wire) else { return nil }
        return (PaperKeys(text: text, fields: fields, byline: byline, display: display, summary: summary, page: page), program == Program.key)
    }
}

/// Hashes of a paper's parts that a build's caches find its words and people by: its title and
/// abstract (`KeptWords.textKey`), its authors, tags and venue (`SearchTermCache.fieldsKey`),
/// its byline (`AuthorsCache.bylineKey`), and what else its search display entry shows
/// (`SearchIndexBuilder.displayFacts`). Worked out when its record is parsed and kept
/// beside it in the paper cache, so a rebuild hashes only the papers it parsed: the texts of
/// 100k papers alone were 50 ms of each rebuild, on its one busy core, the display facts 70 ms
/// of the index's.
struct PaperKeys: Sendable, Equatable {
    let text: UInt64
    let fields: UInt64
    let byline: UInt64
    let display: UInt64

    init(_ paper: Paper) {
        self.init(text: KeptWords.textKey(of: paper), fields: SearchTermCache.fieldsKey(paper), byline: AuthorsCache.bylineKey(paper),
                  display: SearchIndexBuilder.displayFacts(paper))
    }

    init(text: UInt64, fields: UInt64, byline: UInt64, display: UInt64) {
        (self.text, self.fields, self.byline, self.display) = (text, fields, byline, display)
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
    }

    /// Nil when the wire is cut short; `current` false when another `digest` made them.
    static func read(from wire: inout WireReader) -> (keys: PaperKeys, current: Bool)? {
        guard let program = UInt64.read(from: &wire), let text = UInt64.read(from: &wire), let fields = UInt64.read(from: &wire),
              let byline = UInt64.read(from: &wire), let display = UInt64.read(from: &wire) else { return nil }
        return (PaperKeys(text: text, fields: fields, byline: byline, display: display), program == Program.key)
    }
}

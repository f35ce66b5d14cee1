/// The ways untrusted bytes go through digest, one call each: what the fuzz targets (`Fuzz/`)
/// run, and what the unit test that replays their findings (`Tests/fuzz-findings/`) runs.
public enum UntrustedInput {
    /// A format's parser by the fuzz target's name (`AbstractList` for `abstract-list`).
    public static func parser(target: String) -> (any ListingParser)? {
        ListingFormat.allCases.first { $0.rawValue.split(separator: "-").map { $0.capitalized }.joined() == target }?.parser
    }

    /// A listing file through one parser, and every entry's text the way ingest and build take it.
    public static func listing(_ bytes: UnsafeBufferPointer<UInt8>, parser: any ListingParser) {
        let parsed = parser.parse(ListingText(path: "fuzz.txt", name: "fuzz.txt", bytes: bytes))
        for entry in parsed.entries {
            for field in [entry.title ?? "", entry.abstract] + entry.authors {
                let clean = TextNormalization.clean(field)
                _ = TextNormalization.identityKey(clean)
                _ = Slug.make(clean)
                _ = MathText.inlineHTML(clean)
                _ = MathText.markdownHTML(clean)
                _ = Escape.jsonString(clean)
            }
        }
    }

    /// A record file: front matter through Yams, written back, and read as a paper.
    public static func record(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let text = String(validating: bytes, as: UTF8.self),
              let record = try? RecordCoding.read(id: "fuzz", text: text) else { return }
        _ = RecordCoding.write(record)
        _ = Paper.from(record, file: "fuzz.md")
    }
}

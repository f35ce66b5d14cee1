import Foundation
import Testing
import Yams
@testable import DigestCore

/// `FrontMatterWriter` must give Yams' bytes whenever it gives any: it stands in for Yams
/// when ingest writes a record, and a byte of difference would rewrite every record.
@Suite struct FrontMatterWriterTests {
    /// Every record the five real listings make, as ingest makes it (and wrote it), and as
    /// read back: Yams reads every list and mapping with no style (`any`), which it writes
    /// in block style.
    @Test func sampleRecordsAreWrittenAsYamsWritesThem() throws {
        let records = try Fixtures.sampleRecords()
        #expect(records.count > 100)
        var readBackWritten = 0
        for (name, text) in records {
            let read = try RecordCoding.read(id: name, text: text)
            let made = RecordFields.newRecord(id: read.id, facts: RecordFields.facts(in: read))
            let fast = Self.yaml(made.fields)
            #expect(fast != nil && fast == RecordCoding.yamsText(made.fields), "\(name)")
            #expect(RecordCoding.write(made) == text, "\(name)")
            if let readBack = Self.yaml(read.fields) {
                #expect(readBack == RecordCoding.yamsText(read.fields), "\(name)")
                readBackWritten += 1
            }
        }
        // A block list of mappings with no style is not one this writer knows: every sample
        // record has one (`sources`).
        #expect(readBackWritten == 0)
    }

    /// Text made of the pieces libyaml's choices turn on — indicators at the start, inside and
    /// before a space, `---` and `...`, spaces at the ends, quotes, backslashes, characters it
    /// escapes or counts as breaks — in every style, as a field's value, in a flow list, in a
    /// block list (with a style and without) and as a flow mapping's key and value.
    static let pieces = [
        "a", "Zq", "0", "1.5", " ", "  ", "-", "---", ".", "...", ":", ": ", "#", " #", "?", "? ", ",", "[", "]", "{", "}",
        "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "\\", "~", "null", "true", "é", "ℓ", "—", "\u{A0}", "\u{85}",
        "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFE}", "\u{FFFD}", "\u{D7FF}", "\u{E000}", "😀", "\t", "\n", "\r", "\u{7F}",
        "\u{1B}", "\u{0}",
    ]

    static func text(_ generator: inout SeededGenerator, pieces count: ClosedRange<Int> = 1...5, from pieces: [String] = pieces) -> String {
        (0..<Int.random(in: count, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    @Test func generatedScalarsAreWrittenAsYamsWritesThem() {
        var generator = SeededGenerator(seed: 20261201)
        let styles: [Node.Scalar.Style] = [.any, .plain, .singleQuoted, .doubleQuoted]
        var compared = 0, declined = 0
        for _ in 0..<4000 {
            let text = Self.text(&generator)
            let style = styles.randomElement(using: &generator)!
            let scalar = Node.scalar(.init(text, YAMLTags.str, style))
            let other = Node.scalar(.init("b", YAMLTags.str))
            let shapes: [[(key: String, value: Node)]] = [
                [("title", scalar), ("venue", other)],
                [("authors", .sequence(.init([other, scalar, other], YAMLTags.make(.implicit), .flow)))],
                [("notes", .sequence(.init([scalar, other], YAMLTags.make(.implicit), .block)))],
                // A list as Yams reads one back: no style, written as a block list.
                [("links", .sequence(.init([other, scalar], YAMLTags.make(.implicit), .any)))],
                [("sources", .sequence(.init([.mapping(.init([(scalar, other), (other, scalar)], YAMLTags.make(.implicit), .flow))],
                                             YAMLTags.make(.implicit), .block)))],
            ]
            for fields in shapes {
                guard let fast = Self.yaml(fields) else { declined += 1; continue }
                compared += 1
                #expect(fast == RecordCoding.yamsText(fields), "\(text.debugDescription) \(style)")
            }
        }
        // Both paths are taken often: the comparison is not vacuous, and the characters it
        // does not handle do reach Yams.
        #expect(compared > 5000)
        #expect(declined > 5000)
    }

    /// A new record's text made straight from its facts (`NewRecordText`) is the text its
    /// nodes give: for every paper of the real listings, and for facts made of the pieces above
    /// in every field — values YAML reads as numbers or words, indicators, characters only
    /// Yams writes (then the record is made the nodes' way), fields left out, an empty abstract.
    @Test func newRecordsFromFactsAreWhatTheirNodesGive() throws {
        let samples = try Fixtures.sampleRecords().map { RecordFields.facts(in: try RecordCoding.read(id: $0.name, text: $0.text)) }
        var generator = SeededGenerator(seed: 20261202)
        func maybe(_ text: @autoclosure () -> String) -> String? { Bool.random(using: &generator) ? text() : nil }
        // Half the papers from pieces the writer writes itself: a paper with one other piece
        // in any of its fields is made the nodes' way.
        let writable = Self.pieces.filter { FrontMatterWriter.Shape($0) != nil }
        var generated: [PaperFacts] = []
        for n in 0..<3000 {
            let pieces = n % 2 == 0 ? writable : Self.pieces
            func text(pieces count: ClosedRange<Int> = 1...5) -> String { Self.text(&generator, pieces: count, from: pieces) }
            var facts = PaperFacts(title: text())
            facts.titleInferred = Bool.random(using: &generator)
            facts.authors = (0..<Int.random(in: 0...3, using: &generator)).map { _ in text(pieces: 1...3) }
            facts.authorCount = Bool.random(using: &generator) ? Int.random(in: 0...40, using: &generator) : nil
            facts.organization = maybe(text(pieces: 1...2))
            facts.affiliation = maybe(text(pieces: 1...2))
            facts.date = maybe(Bool.random(using: &generator) ? "2024-05-0\(Int.random(in: 1...9, using: &generator))" : text(pieces: 1...2))
            facts.upvotes = Bool.random(using: &generator) ? Int.random(in: 0...500, using: &generator) : nil
            facts.venue = maybe(text(pieces: 1...2))
            facts.session = maybe(text(pieces: 1...2))
            facts.room = maybe(text(pieces: 1...2))
            facts.abstract = maybe(text()) ?? ""
            facts.tags = (0..<Int.random(in: 0...3, using: &generator)).map { _ in text(pieces: 1...2) }
            facts.sources = (0..<Int.random(in: 0...2, using: &generator)).map { _ in
                SourceRef(listing: text(pieces: 1...2), line: Int.random(in: 1...99_999, using: &generator))
            }
            generated.append(facts)
        }
        var direct = 0
        for facts in samples + generated {
            let viaNodes = RecordCoding.bytes(RecordFields.newRecord(id: "x", facts: facts))
            #expect(NewRecordText.bytes(id: "x", facts: facts) == viaNodes, "\(facts.title.debugDescription)")
            if NewRecordText.direct(facts) != nil { direct += 1 }
        }
        // Every real paper is written straight, and both ways are taken often by the others.
        #expect(samples.count > 100 && samples.allSatisfy { NewRecordText.direct($0) != nil })
        #expect(direct - samples.count > 300 && generated.count - (direct - samples.count) > 300)
    }

    @Test(arguments: [
        "notes: |\n  two\n  lines\n",          // a block scalar
        "tags: !custom [a, b]\n",             // a tag libyaml writes
        "title: ''\n",                        // an empty value
        "links:\n  home: x\n",                // a block mapping
        "sources:\n- {listing: a.txt, line: 3}\n", // read back, a mapping in a list, with no style
        "title: \"A 😀 emoji\"\n",             // a character libyaml escapes
        "\"a key\": x\n",                     // a key that is not a plain name
    ])
    func shapesItDoesNotKnowGoToYams(yaml: String) throws {
        let record = try RecordCoding.read(id: "x", text: "---\n" + yaml + "---\n")
        #expect(Self.yaml(record.fields) == nil)
        // Declining leaves the buffer as it was, and the record is written by Yams.
        var out = Array("---\n".utf8)
        #expect(!FrontMatterWriter.write(record.fields, into: &out))
        #expect(out == Array("---\n".utf8))
        #expect(RecordCoding.write(record) == "---\n" + RecordCoding.yamsText(record.fields) + "---\n")
    }
}

extension FrontMatterWriterTests {
    /// The front matter's lines as text, or nil for a shape the writer leaves to Yams.
    static func yaml(_ fields: [(key: String, value: Node)]) -> String? {
        var out: [UInt8] = []
        return FrontMatterWriter.write(fields, into: &out) ? String(decoding: out, as: UTF8.self) : nil
    }
}

/// SplitMix64: the same strings on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

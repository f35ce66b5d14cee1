import Foundation
import Testing
import Yams
@testable import DigestCore

/// `FrontMatterReader` must read what Yams reads (values as text) whenever it reads anything:
/// it stands in for Yams when a build loads a record, and a value read otherwise would change
/// the site.
@Suite struct FrontMatterReaderTests {
    /// Every record the five real listings make is read without Yams, as Yams reads it, each
    /// field on the line Yams puts it.
    @Test func sampleRecordsAreReadAsYamsReadsThem() throws {
        let records = try Fixtures.sampleRecords()
        #expect(records.count > 100)
        for (name, text) in records {
            let yaml = String(text.dropFirst(4)).components(separatedBy: "\n---\n")[0] + "\n"
            let fast = try #require(Self.read(yaml), "\(name)")
            let yams = try Self.yams(yaml)
            #expect(Self.same(fast.fields, yams), "\(name)")
            #expect(fast.lines == yams.map { $0.value.mark!.line }, "\(name)")
        }
    }

    /// Front matter written by `FrontMatterWriter` from scalars made of the pieces libyaml's
    /// choices turn on, in every style, in each shape it writes: read back as Yams reads it.
    @Test func writtenFrontMatterIsReadAsYamsReadsIt() throws {
        let pieces = [
            "a", "Zq", "0", "1.5", " ", "-", "---", ".", "...", ":", ": ", "#", " #", "?", "? ", ",", "[", "]", "{", "}",
            "&", "*", "!", "|", ">", "'", "''", "\"", "%", "@", "`", "\\", "\\\"", "~", "null", "true", "é", "—", "\u{A0}",
        ]
        var generator = SeededGenerator(seed: 20261202)
        let styles: [Node.Scalar.Style] = [.any, .plain, .singleQuoted, .doubleQuoted]
        var read = 0
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 1...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let scalar = Node.scalar(.init(text, YAMLTags.str, styles.randomElement(using: &generator)!))
            let other = Node.scalar(.init("b", YAMLTags.str))
            let shapes: [[(key: String, value: Node)]] = [
                [("title", scalar), ("venue", other)],
                [("authors", .sequence(.init([other, scalar, other], YAMLTags.make(.implicit), .flow)))],
                [("notes", .sequence(.init([scalar, other], YAMLTags.make(.implicit), .block)))],
                [("sources", .sequence(.init([.mapping(.init([(scalar, other), (other, scalar)], YAMLTags.make(.implicit), .flow))],
                                             YAMLTags.make(.implicit), .block)))],
            ]
            for fields in shapes {
                guard let yaml = FrontMatterWriterTests.yaml(fields) else { continue }
                let fast = try #require(Self.read(yaml), "\(yaml.debugDescription)")
                #expect(Self.same(fast.fields, try Self.yams(yaml)), "\(yaml.debugDescription)")
                read += 1
            }
        }
        #expect(read > 5000)
    }

    /// Texts near its shapes: each is left to Yams, or read as Yams reads it.
    @Test(arguments: [
        "title: A # a comment\n", "title: A \n", "title:  A\n", "title:\tA\n", "title: \"a\\tb\"\n", "title: \"a\\\"b\\\\c\"\n",
        "title: 'it''s'\n", "title: 'open\n", "title: \"open\n", "title: a: b\n", "title: a:b\n", "title: ~\n", "title: null\n",
        "title:\n", "title: ''\n", "title: A\ntitle: B\n", "authors: [a,b]\n", "authors: [a, b,]\n", "authors: [ a, b ]\n",
        "authors: [a, [b]]\n", "authors: []\n", "authors:\n  - a\n", "authors:\n- a\n-b\n", "authors:\n- [a, b]\n",
        "sources:\n- {listing: a.txt, line: 3}\n", "sources:\n- {listing: a.txt,line: 3}\n", "links: {a: b}\n",
        "links:\n  home: x\n", "title: &x A\nvenue: *x\n", "title: !str A\n", "title: A\n\n", "title: A\n# c\n",
        "\"title\": A\n", "ti tle: A\n", "title: A\n---\n", "title: -\n", "title: - a\n", "title: [a\n", "title: {a\n",
        "date: 2024-11-27\nupvotes: 12\ntitle_inferred: true\n", "title: é — ✓\n",
    ])
    func textsNearItsShapesAreLeftToYamsOrReadAsYamsReadsThem(yaml: String) throws {
        guard let fast = Self.read(yaml) else { return }
        #expect(Self.same(fast.fields, try Self.yams(yaml)))
    }

    @Test func whatItLeavesToYams() {
        for yaml in ["title: A # a comment\n", "title: A \n", "title: A\ntitle: B\n", "title: \"a\\tb\"\n", "title:\n",
                     "title: &x A\nvenue: *x\n", "authors: [a,b]\n", "links:\n  home: x\n"] {
            #expect(Self.read(yaml) == nil, "\(yaml.debugDescription)")
        }
        for yaml in ["title: 'it''s'\n", "title: \"a\\\"b\\\\c\"\n", "sources:\n- {listing: a.txt, line: 3}\n",
                     "date: 2024-11-27\nupvotes: 12\ntitle_inferred: true\n"] {
            #expect(Self.read(yaml) != nil, "\(yaml.debugDescription)")
        }
    }

    /// A record read without Yams is checked as one read with it: the same problems on the
    /// same lines.
    @Test func checksNameTheSameLines() throws {
        let text = "---\ntitle: A\nauthors: [B]\nnotes: kept\ndate: 2024-13-01\nsources:\n- {listing: a.txt, line: 3}\n---\nAbstract.\n"
        let fast = try RecordCoding.read(id: "x", text: text, valuesAsText: true)
        #expect(fast.fields.allSatisfy { $0.value.mark == nil })  // read without Yams
        let yams = try RecordCoding.read(id: "x", text: text)
        let problems = RecordCheck.problems(fast, file: "x.md")
        #expect(problems.map(\.line) == [4, 5])
        #expect(problems.map(\.line) == RecordCheck.problems(yams, file: "x.md").map(\.line))
        #expect(problems.map(\.message) == RecordCheck.problems(yams, file: "x.md").map(\.message))
    }
}

extension FrontMatterReaderTests {
    static func read(_ yaml: String) -> (fields: [(key: String, value: Node)], lines: [Int])? {
        var yaml = yaml
        return yaml.withUTF8 { FrontMatterReader.fields($0) }
    }

    /// The fields as Yams reads them with values as text.
    static func yams(_ yaml: String) throws -> [(key: String, value: Node)] {
        guard case .mapping(let mapping)? = try Yams.compose(yaml: yaml, .basic) else { return [] }
        return mapping.map { ($0.key.string ?? "", $0.value) }
    }

    /// The same keys and values (`Node` equality: text and resolved tag), and every scalar in
    /// the same style (`Record.string` tells a plain `null` from a quoted one by it).
    static func same(_ a: [(key: String, value: Node)], _ b: [(key: String, value: Node)]) -> Bool {
        a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value) && a.map { styles($0.value) } == b.map { styles($0.value) }
    }

    static func styles(_ node: Node) -> [Node.Scalar.Style] {
        switch node {
        case .scalar(let scalar): return [scalar.style]
        case .sequence(let items): return items.flatMap(styles)
        case .mapping(let pairs): return pairs.flatMap { styles($0.key) + styles($0.value) }
        case .alias: return []
        }
    }
}

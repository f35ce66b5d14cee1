import Foundation
import Testing
import Yams
@testable import DigestCore

/// A build makes each paper's facts in one pass over its record's fields, and finds a source's
/// `listing` and `line` without Yams' lookup: both must give what the record's own accessors
/// (`record.string(key)`, …) and Yams' `map[key]` give.
@Suite struct RecordFieldsReadingTests {
    /// Every sample record, read as a build reads it and as ingest reads it (Yams, default resolver).
    @Test func sampleRecordsGiveTheFactsTheirFieldsSay() throws {
        var compared = 0
        for (name, text) in try Fixtures.sampleRecords() {
            for record in [try RecordCoding.read(id: name, text: text, valuesAsText: true), try RecordCoding.read(id: name, text: text)] {
                let facts = RecordFields.facts(in: record)
                #expect(facts == Self.fieldByField(record), "\(name)")
                #expect(!facts.title.isEmpty && !facts.sources.isEmpty, "\(name)")
                compared += 1
            }
        }
        #expect(compared > 200)
    }

    /// Values a person may write: nulls, quoted nulls, a list where text goes, text where a list
    /// goes, words for booleans, numbers that are not, sources with keys quoted, tagged or extra.
    @Test(arguments: [
        "title: ~\ntitle_inferred: yes\nauthors: A\nauthor_count: x\nupvotes: -3\n",
        "title: 'null'\nauthors: [A, ~, 'B']\ndate: 2024-02-30\nvenue: [a, b]\ntags: llm\n",
        "title: [a]\ntitle_inferred: TRUE\norganization: \"\"\naffiliation: Null\nsession: 12\nroom: ''\n",
        "title: T\nsources:\n- {\"listing\": a.txt, 'line': 3}\n- {line: 4, listing: b.txt, note: x}\n- {listing: c.txt}\n",
        "title: T\nsources:\n- {!!str listing: a.txt, line: 007}\n- {listing: [x], line: 2}\n- plain\n",
        "title: T\nsources: {listing: a.txt, line: 3}\nnotes: kept\n",
        "title: T\nsources:\n- listing: a.txt\n  line: 5\n",
    ])
    func handWrittenValuesGiveTheFactsTheirFieldsSay(yaml: String) throws {
        let text = "---\n" + yaml + "---\nAbstract.\n"
        for record in [try RecordCoding.read(id: "x", text: text, valuesAsText: true), try RecordCoding.read(id: "x", text: text)] {
            #expect(RecordFields.facts(in: record) == Self.fieldByField(record))
        }
    }

    /// `value(forWord:)` is Yams' `map[word]` for `listing` and `line`, for mappings read with
    /// the basic resolver (a build), the default one (ingest) and without Yams.
    @Test(arguments: [
        "{listing: a.txt, line: 3}", "{\"listing\": a.txt, 'line': 3}", "{line: 4, listing: b.txt, note: x}",
        "{!!str listing: a.txt, !!str line: 2}", "{!!int line: 2, listing: a}", "{Listing: a, line : 3}",
        "{listing: , line: 1}", "{listing: [a], line: {b: c}}", "{[listing]: a, line: 3}", "{note: x}", "{}",
    ])
    func aWordIsLookedUpAsYamsLooksItUp(flow: String) throws {
        for resolver in [Resolver.basic, .default] {
            guard case .mapping(let map)? = try Yams.compose(yaml: "sources: " + flow + "\n", resolver),
                  case .mapping(let source)? = map.first?.value else { Issue.record("\(flow)"); continue }
            for word in ["listing", "line"] {
                #expect(source.value(forWord: word) == source[word], "\(flow) \(word)")
            }
        }
        let text = "---\ntitle: T\nsources:\n- " + flow + "\n---\n"
        if case .sequence(let items)? = try RecordCoding.read(id: "x", text: text, valuesAsText: true)["sources"],
           case .mapping(let source)? = items.first {
            for word in ["listing", "line"] { #expect(source.value(forWord: word) == source[word], "\(flow) \(word)") }
        }
    }

    /// `Slug.isValid`, over bytes, says what its definition says, for every string of up to four
    /// of these characters, and at its length limit.
    @Test func slugValidityIsItsDefinition() {
        let pieces = ["a", "z", "0", "9", "-", "A", "é", " ", "_", "/"]
        var texts = [""]
        var last = [""]
        for _ in 1...4 {
            last = last.flatMap { text in pieces.map { text + $0 } }
            texts += last
        }
        texts += [String(repeating: "a", count: 200), String(repeating: "a", count: 201), String(repeating: "a-", count: 100) + "a"]
        for text in texts {
            let defined = !text.isEmpty && text.utf8.count <= 200 && text.first != "-" && text.last != "-" && !text.contains("--")
                && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            #expect(Slug.isValid(text) == defined, "\(text.debugDescription)")
        }
        #expect(texts.filter(Slug.isValid).count > 400)
    }
}

extension RecordFieldsReadingTests {
    /// The facts asked of the record one field at a time, and its sources through Yams' lookup.
    static func fieldByField(_ record: Record) -> PaperFacts {
        var facts = PaperFacts(title: record.string("title") ?? "")
        facts.titleInferred = record.bool("title_inferred")
        facts.authors = record.strings("authors")
        facts.authorCount = record.int("author_count")
        facts.organization = record.string("organization")
        facts.affiliation = record.string("affiliation")
        facts.date = record.string("date")
        facts.upvotes = record.int("upvotes")
        facts.venue = record.string("venue")
        facts.session = record.string("session")
        facts.room = record.string("room")
        facts.tags = record.strings("tags")
        if case .sequence(let items)? = record["sources"] {
            facts.sources = items.compactMap { item in
                guard case .mapping(let map) = item, let listing = map["listing"]?.string else { return nil }
                return SourceRef(listing: listing, line: map["line"]?.int ?? 0)
            }
        }
        facts.abstract = record.body
        return facts
    }
}

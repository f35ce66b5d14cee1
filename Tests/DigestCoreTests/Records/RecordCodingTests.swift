import Testing
@testable import DigestCore

@Suite struct RecordCodingTests {
    @Test(arguments: [
        "Plain title", "Title: with colon", "--- three dashes", "- leading dash", "! bang", "\"quoted\" and 'single'",
        "back\\slash \\ell_{2}", "true", "null", "123", "a # not a comment", "[brackets] {braces}", "Ünïcödé — ✓",
    ])
    func hostileTitlesRoundTrip(title: String) throws {
        var facts = PaperFacts(title: title)
        facts.authors = [title, "null", "Jane Doe"]
        facts.abstract = "---\nnot front matter"
        facts.sources = [SourceRef(listing: "x.txt", line: 1)]
        let record = RecordFields.newRecord(id: "x", facts: facts)
        let text = RecordCoding.write(record)
        let read = try RecordCoding.read(id: "x", text: text)
        #expect(read.string("title") == title)
        #expect(read.strings("authors") == [title, "null", "Jane Doe"])
        #expect(read.body == "---\nnot front matter")
        // Writing it again through ingest's update, with nothing new, gives the same bytes.
        #expect(RecordCoding.write(RecordFields.updated(read, base: facts, new: facts).record) == text)
    }

    @Test func errorsNameTheLine() {
        #expect(throws: RecordCoding.ReadError.self) { try RecordCoding.read(id: "x", text: "no front matter") }
        do {
            _ = try RecordCoding.read(id: "x", text: "---\ntitle: ok\nauthors: [a, b\n---\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line >= 3)
        }
    }
}

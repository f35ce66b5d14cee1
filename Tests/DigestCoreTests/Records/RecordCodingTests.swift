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

    /// Where the front matter starts and ends, and what is body: delimiter lines with trailing
    /// spaces, `...` to close, CRLF, a byte order mark, no body, a body with blank lines.
    @Test func frontMatterAndBodyAreFramedByTheirLines() throws {
        func read(_ text: String) throws -> (title: String?, body: String) {
            let record = try RecordCoding.read(id: "x", text: text)
            return (record.string("title"), record.body)
        }
        #expect(try read("---\ntitle: A\n---\nBody.\n\nMore.\n") == ("A", "Body.\n\nMore."))
        #expect(try read("--- \t\ntitle: A\n...  \nBody.") == ("A", "Body."))
        #expect(try read("\u{FEFF}---\r\ntitle: A\r\n---\r\nBody.\r\n") == ("A", "Body."))
        #expect(try read("---\ntitle: A\n---") == ("A", ""))
        #expect(try read("---\n---\nBody.") == (nil, "Body."))
        for broken in ["", "---", "---\n", "---\ntitle: A\n", "title: A\n---\n---\n", "----\ntitle: A\n---\n"] {
            #expect(throws: RecordCoding.ReadError.self, "\(broken.debugDescription)") { try RecordCoding.read(id: "x", text: broken) }
        }
    }
}

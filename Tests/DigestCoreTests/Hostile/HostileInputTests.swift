import Foundation
import Testing
@testable import DigestCore

/// Listings are pasted from pages nobody here controls: limits, encodings and text that
/// means something to YAML, Markdown or math.
@Suite struct HostileInputTests {
    @Test func aTwentyMegabyteLineCostsOnlyItsPaper() throws {
        var lines = String(decoding: Fixtures.bytes(Fixtures.abstractList), as: UTF8.self).components(separatedBy: "\n")
        let abstractLine = try #require(lines.firstIndex { $0.hasPrefix("Abstract:") })
        lines[abstractLine] = "Abstract:" + String(repeating: "word ", count: 4_000_000)
        let text = ListingText(path: "a.txt", name: "a.txt", bytes: Array(lines.joined(separator: "\n").utf8))
        #expect(text.lines[abstractLine].tooLong == 20_000_009)
        #expect(text.lines[abstractLine].text.utf8.count < 10)  // not kept in memory
        let parsed = AbstractListParser().parse(text)
        #expect(parsed.entries.count == 9)
        #expect(parsed.diagnostics.contains { $0.line == abstractLine + 1 && $0.severity == .error && $0.message.contains("over the limit") })
    }

    @Test func hugeAndEndlessListingsAreRefusedWithAReason() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractList])
        let listings = site + "/content/listings/"
        // A gigabyte, sparse: refused from its size, never read.
        #expect(FileManager.default.createFile(atPath: listings + "giga.txt", contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: listings + "giga.txt"))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        // A million entries.
        let million = "Million Institute\n" + (0..<1_000_000).map { "Abstract:Tiny abstract \($0).\n" }.joined()
        try million.write(toFile: listings + "million.txt", atomically: true, encoding: .utf8)
        let report = Fixtures.ingest(site)
        #expect(report.allDiagnostics.contains { $0.file.hasSuffix("giga.txt") && $0.message.contains("1024 MB") })
        #expect(report.allDiagnostics.contains { $0.file.hasSuffix("million.txt") && $0.message.contains("1000000 papers") })
        #expect(report.distinctPapers == 10)  // the real listing still goes in
    }

    @Test func pathologicalMathAndCodeStayLinear() {
        // Each of these took a search of the rest of the text per character (minutes at
        // this size); now one pass each.
        for unit in ["\\(", "\\[", "`", "` ``", "$$", "$a", "$", "a$$"] {
            let text = String(repeating: unit, count: 200_000 / unit.count)
            let html = MathText.markdownHTML(text)
            #expect(!html.isEmpty)
            _ = MathText.inlineHTML(text)
        }
        #expect(MathText.inlineHTML("`a` $x$ ``b $y$ `` \\(z\\)") == "`a` <span class=\"math\">$x$</span> ``b $y$ `` <span class=\"math\">\\(z\\)</span>")
    }

    @Test func invisibleAndControlCharactersAreRemoved() {
        // NUL and other controls, bidi overrides and isolates, zero-width space and word joiner.
        #expect(TextNormalization.clean("Safe\u{0}\u{202E}txt.exe\u{202C} \u{2066}x\u{2069}\u{200B}y\u{2060}z\u{7}") == "Safetxt.exe xyz")
        // Line and paragraph separators are spaces; ZWJ and ZWNJ stay (scripts and emoji need them).
        #expect(TextNormalization.clean("a\u{2028}b\u{2029}c") == "a b c")
        #expect(TextNormalization.clean("می\u{200C}خواهم 👩\u{200D}🔬") == "می\u{200C}خواهم 👩\u{200D}🔬")
    }

    @Test func hostileListingsKeepTheirTextInRecordsAndPages() throws {
        // Tests/hostile/: one listing per format, every field a payload.
        let site = try Fixtures.site(listings: [])
        for name in ["abstract-list.txt", "daily-papers.txt", "poster-session.txt"] {
            try FileManager.default.copyItem(atPath: Fixtures.repoRoot + "/Tests/hostile/" + name, toPath: site + "/content/listings/" + name)
        }
        let report = Fixtures.ingest(site)
        #expect(!report.hasErrors && report.distinctPapers == 5)
        let record = try Fixtures.record(site, "prompt-injection-img-src-x-onerror-window-pwned-2-in-vision-models")
        #expect(record.string("title") == "Prompt Injection \"><img src=x onerror=\"window.__pwned=2\"> in Vision Models")
        #expect(record.strings("authors") == ["\"><img src=x onerror=\"window.__pwned=13\">", "<script>window.__pwned=14</script> Smith", "Robert'); DROP TABLE papers;-- Tables"])
        #expect(record.string("session") == "Poster Session <script>window.__pwned=16</script>")
        #expect(record.body.hasPrefix("A second abstract with <svg onload=\"window.__pwned=8\">"))
        #expect(SiteBuild.run(BuildOptions(siteFolder: site, output: site + "/public")).written)
        let page = try String(contentsOfFile: site + "/public/papers/prompt-injection-img-src-x-onerror-window-pwned-2-in-vision-models/index.html", encoding: .utf8)
        #expect(page.contains("A second abstract with &lt;svg onload=&quot;window.__pwned=8&quot;&gt;"))
        #expect(!page.contains("<svg") && !page.contains("<script>window"))
    }

    @Test func titlesThatMeanSomethingToYAMLRoundTrip() throws {
        let titles = ["---", "--- a", "key: value", "- item", "! tag", "!!str x", "& anchor", "* alias", "#hash", "% dir", "@at", "`tick`",
                      "\"quoted\"", "'single'", "back\\slash \\n", "null", "true", "123", "1e3", "~", "a: b: c", "{a: 1}", "[x]", "|", ">",
                      "tab\there", "  padded  ", "é\u{2028}", "<script>alert(1)</script>", "..."]
        for title in titles {
            var facts = PaperFacts(title: title)
            facts.abstract = "Body with --- and\n---\nlines."
            let written = RecordCoding.write(RecordFields.newRecord(id: "x", facts: facts))
            let read = try RecordCoding.read(id: "x", text: written)
            #expect(read.string("title") == title, "title \(title.debugDescription) came back as \(String(describing: read.string("title")).debugDescription)")
            #expect(read.body == facts.abstract)
        }
    }
}

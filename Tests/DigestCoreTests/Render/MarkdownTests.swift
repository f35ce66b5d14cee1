import Testing
@testable import DigestCore

@Suite struct MarkdownTests {
    @Test func rendersThroughLibcmark() {
        #expect(Markdown.html("A *very* `small` test") == "<p>A <em>very</em> <code>small</code> test</p>\n")
    }

    @Test func safeModeDropsRawHTMLAndScriptLinks() {
        let html = Markdown.html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>b</b>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("<b>"))
    }
}

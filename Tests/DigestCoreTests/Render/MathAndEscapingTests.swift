import Testing
@testable import DigestCore

@Suite struct MathAndEscapingTests {
    @Test func mathIsKeptFromCmark() {
        let html = MathText.markdownHTML("Uses $\\ell_{2,1}$ and $a_*b_*$ with *emphasis*.")
        #expect(html == "<p>Uses <span class=\"math\">$\\ell_{2,1}$</span> and <span class=\"math\">$a_*b_*$</span> with <em>emphasis</em>.</p>\n")
    }

    @Test func displayAndBracketMath() {
        #expect(MathText.inlineHTML("$$x^2$$") == "<span class=\"math math-display\">$$x^2$$</span>")
        #expect(MathText.inlineHTML("\\(a<b\\)") == "<span class=\"math\">\\(a&lt;b\\)</span>")
    }

    @Test func dollarsThatAreMoneyStayText() {
        #expect(MathText.inlineHTML("costs $5 and $10") == "costs $5 and $10")
        #expect(MathText.markdownHTML("`$x$` in code") == "<p><code>$x$</code> in code</p>\n")
    }

    @Test func titlesAreEscapedOnce() {
        #expect(MathText.inlineHTML("Prompt & Predict <b>") == "Prompt &amp; Predict &lt;b&gt;")
    }

    @Test func jsonIsSafeInsideScript() {
        let json = Escape.jsonString("</script><!-- \u{2028}")
        #expect(!json.contains("</") && !json.contains("<!--") && !json.contains("\u{2028}"))
    }

    @Test func bibtexEscapesTextButNotMath() {
        var paper = Paper(id: "x", title: "Fast & 100% $\\ell_1$ {ok}")
        paper.venue = "ICLR 2024"
        let entry = BibTeX.entry(for: paper, authors: ["A Writer"])
        #expect(entry.contains("title = {{Fast \\& 100\\% $\\ell_1$ \\{ok\\}}}"))
        #expect(entry.contains("year = {2024}"))
        #expect(entry.hasPrefix("@inproceedings{writer2024fast,"))
    }
}

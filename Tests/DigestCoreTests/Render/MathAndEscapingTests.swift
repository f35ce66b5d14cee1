import Foundation
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

    @Test func jsonStringIsExactJSON() {
        // Byte-level escaping must still give JSON that means the same text, multi-byte
        // characters (é, 😀, U+2027 beside U+2028) untouched.
        let text = "a\"b\\c\nd\u{01}é😀\u{2027}\u{2028}\u{2029}<>&'"
        let json = Escape.jsonString(text)
        #expect(json == "\"a\\\"b\\\\c\\nd\\u0001é😀\u{2027}\\u2028\\u2029\\u003c\\u003e\\u0026'\"")
        let decoded = try? JSONSerialization.jsonObject(with: Data(("[" + json + "]").utf8)) as? [String]
        #expect(decoded == [text])
    }

    /// XML text (feeds): HTML escaping, and the control characters XML 1.0 forbids dropped —
    /// tab, line feed and carriage return kept, as are DEL and every character from U+0080.
    @Test func xmlDropsForbiddenControlsOnly() {
        #expect(Escape.xml("a\u{0}b\u{1}\tc\r\n\u{1F}d\u{7F}\u{85}é<&") == "ab\tc\r\nd\u{7F}\u{85}é&lt;&amp;")
        #expect(Escape.xml("plain") == "plain")
    }

    @Test func htmlEscapingIsByteExactForEveryCharacter() {
        // A quote followed by a combining accent is one Character; it must still be escaped.
        #expect(Escape.html("\"\u{301}<é>&'") == "&quot;\u{301}&lt;é&gt;&amp;&#39;")
        #expect(Escape.html("plain text") == "plain text")
        #expect(TemplateEscaping().escapeText("<b>") == "&lt;b&gt;")
    }

    @Test func templatesEscapeWithDigestsEscaper() throws {
        // swift-mustache's own escaper goes by Character and would leave this quote alone.
        let set = try Fixtures.templateSet(["404": "<p title=\"{{x}}\">{{x}} {{n}}</p>\n"])
        #expect(set.render(["x": "\"\u{301}<", "n": 7], template: "404") == "<p title=\"&quot;\u{301}&lt;\">&quot;\u{301}&lt; 7</p>\n")
    }

    @Test func bibtexEscapesTextButNotMath() {
        var paper = Paper(id: "x", title: "Fast & 100% $\\ell_1$ {ok}")
        paper.venue = "ICLR 2024"
        let entry = BibTeX.entry(for: paper, authors: ["A Writer"])
        #expect(entry.contains("title = {{Fast \\& 100\\% $\\ell_1$ \\{ok\\}}}"))
        #expect(entry.contains("year = {2024}"))
        #expect(entry.hasPrefix("@inproceedings{writer2024fast,"))
    }

    /// The key's word is the title's first that is longer than two letters and not a stop word.
    @Test func bibtexKeyTakesTheFirstWordThatCounts() {
        var paper = Paper(id: "x", title: "On a New Way: the Graphs")
        paper.date = "2023-05-01"
        #expect(BibTeX.key(for: paper, authors: ["Ada Lovelace", "B C"]) == "lovelace2023way")
        #expect(BibTeX.key(for: Paper(id: "fallback", title: "On a new"), authors: []) == "paper")
    }

    /// Search links' query values: unreserved bytes as they are, spaces as `+`, every other
    /// byte of the UTF-8 as `%XX` — for every ASCII character and a few beyond.
    @Test func queryValuesKeepUnreservedBytesAndEncodeTheRest() {
        let text = String(String.UnicodeScalarView((1...127).compactMap(Unicode.Scalar.init))) + "é中😀"
        let expected = text.utf8.map { byte -> String in
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: return String(Unicode.Scalar(byte))
            case 0x20: return "+"
            default: return String(format: "%%%02X", byte)
            }
        }.joined()
        #expect(Escape.query(text) == expected)
        #expect(Escape.query("Attention is all 100%") == "Attention+is+all+100%25")
    }
}

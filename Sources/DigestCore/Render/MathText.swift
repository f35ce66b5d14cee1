/// Math in titles and abstracts: `$…$`, `$$…$$`, `\(…\)` and `\[…\]` reach the page as
/// written, inside `<span class="math">`, where KaTeX typesets them in the browser (and
/// where, without KaTeX, a reader still sees readable TeX). cmark never sees the math, so it
/// cannot eat the `_`, `*` or `\` inside it.
public enum MathText {
    struct Span {
        let range: Range<String.Index>
        let display: Bool
    }

    /// Math spans, outside code spans. `$` follows Pandoc's rule: the opening one is not
    /// followed by a space, the closing one not preceded by a space nor followed by a digit,
    /// so `$5 and $10` stays text.
    static func spans(in text: String) -> [Span] {
        // Most titles and abstracts have no math and no code: one byte scan says so.
        guard text.utf8.contains(where: { $0 == 0x24 || $0 == 0x5C || $0 == 0x60 }) else { return [] }  // $ \ `
        var spans: [Span] = []
        var i = text.startIndex
        func at(_ index: String.Index, _ s: String) -> Bool { text[index...].hasPrefix(s) }
        while i < text.endIndex {
            let c = text[i]
            if c == "`" {
                // Skip a code span: a run of backticks to the next run of the same length.
                var run = i
                while run < text.endIndex, text[run] == "`" { run = text.index(after: run) }
                let fence = String(text[i..<run])
                if let close = text[run...].range(of: fence) { i = close.upperBound } else { i = run }
                continue
            }
            if c == "\\", let next = text.index(i, offsetBy: 1, limitedBy: text.endIndex), next < text.endIndex {
                let n = text[next]
                if n == "(" || n == "[" {
                    let closer = n == "(" ? "\\)" : "\\]"
                    if let close = text[text.index(after: next)...].range(of: closer) {
                        spans.append(Span(range: i..<close.upperBound, display: n == "["))
                        i = close.upperBound
                        continue
                    }
                }
                i = text.index(after: next)  // an escaped character, such as `\$`
                continue
            }
            if c == "$" {
                if at(i, "$$") {
                    let start = text.index(i, offsetBy: 2)
                    if let close = text[start...].range(of: "$$"), close.lowerBound > start {
                        spans.append(Span(range: i..<close.upperBound, display: true))
                        i = close.upperBound
                        continue
                    }
                } else if let close = closingDollar(in: text, after: i) {
                    spans.append(Span(range: i..<text.index(after: close), display: false))
                    i = text.index(after: close)
                    continue
                }
            }
            i = text.index(after: i)
        }
        return spans
    }

    private static func closingDollar(in text: String, after open: String.Index) -> String.Index? {
        let start = text.index(after: open)
        guard start < text.endIndex, !text[start].isWhitespace, text[start] != "$" else { return nil }
        var j = start
        while j < text.endIndex {
            let c = text[j]
            if c == "\\" { j = text.index(after: j); if j < text.endIndex { j = text.index(after: j) }; continue }
            if c == "\n" { return nil }
            if c == "$" {
                let before = text[text.index(before: j)]
                let after = text.index(after: j)
                if !before.isWhitespace, after == text.endIndex || !(text[after].isNumber) { return j }
                return nil
            }
            j = text.index(after: j)
        }
        return nil
    }

    static func element(_ tex: Substring, display: Bool) -> String {
        "<span class=\"math\(display ? " math-display" : "")\">" + Escape.html(String(tex)) + "</span>"
    }

    /// A title or other one-line text: escaped, with its math marked.
    public static func inlineHTML(_ text: String) -> String {
        let spans = spans(in: text)
        guard !spans.isEmpty else { return Escape.html(text) }
        var out = ""
        var last = text.startIndex
        for span in spans {
            out += Escape.html(String(text[last..<span.range.lowerBound])) + element(text[span.range], display: span.display)
            last = span.range.upperBound
        }
        return out + Escape.html(String(text[last...]))
    }

    /// An abstract: Markdown through cmark, with math kept out of cmark's reach by
    /// placeholders from Unicode's private use area, which Markdown gives no meaning.
    public static func markdownHTML(_ markdown: String) -> String {
        let spans = spans(in: markdown)
        guard !spans.isEmpty else { return Markdown.html(markdown) }
        var guarded = ""
        var last = markdown.startIndex
        for (n, span) in spans.enumerated() {
            guarded += markdown[last..<span.range.lowerBound] + "\u{E000}\(n)\u{E001}"
            last = span.range.upperBound
        }
        guarded += markdown[last...]
        var html = Markdown.html(guarded)
        for (n, span) in spans.enumerated().reversed() {
            html = html.replacingOccurrences(of: "\u{E000}\(n)\u{E001}", with: element(markdown[span.range], display: span.display))
        }
        return html
    }
}

import Foundation

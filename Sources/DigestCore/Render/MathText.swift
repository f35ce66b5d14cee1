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
    /// so `$5 and $10` stays text. A code span is a run of backticks closed by the next run of
    /// the same length (CommonMark's rule, which cmark applies after us).
    ///
    /// One pass over the bytes, and every search for a closer is a binary search in a list of
    /// closer positions made once: abstracts are pasted from pages nobody here controls, and a
    /// megabyte of `\(` or backticks must not cost a search of the rest of the text each.
    static func spans(in text: String) -> [Span] {
        // Most titles and abstracts have no math and no code: one byte scan says so (over the
        // buffer: the generic scan of `utf8` was a third of making an abstract's HTML).
        var scanned = text
        guard scanned.withUTF8({ $0.contains { $0 == 0x24 || $0 == 0x5C || $0 == 0x60 } }) else { return [] }  // $ \ `
        let bytes = Array(text.utf8)
        let n = bytes.count
        var found: [(start: Int, end: Int, display: Bool)] = []

        // Closers, by position: `\)`, `\]`, `$$`; backtick runs by length.
        var parenClose: [Int] = [], bracketClose: [Int] = [], doubleDollar: [Int] = []
        var runsByLength: [Int: [Int]] = [:]
        var j = 0
        while j < n {
            if bytes[j] == 0x60 {
                let start = j
                while j < n, bytes[j] == 0x60 { j += 1 }
                runsByLength[j - start, default: []].append(start)
                continue
            }
            if j + 1 < n {
                if bytes[j] == 0x5C, bytes[j + 1] == 0x29 { parenClose.append(j) }
                if bytes[j] == 0x5C, bytes[j + 1] == 0x5D { bracketClose.append(j) }
                if bytes[j] == 0x24, bytes[j + 1] == 0x24 { doubleDollar.append(j) }
            }
            j += 1
        }
        /// The first position in a sorted list at or after `position`.
        func first(_ list: [Int], atOrAfter position: Int) -> Int? {
            var (low, high) = (0, list.count)
            while low < high { let mid = (low + high) / 2; if list[mid] < position { low = mid + 1 } else { high = mid } }
            return low < list.count ? list[low] : nil
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

        var i = 0
        while i < n {
            let c = bytes[i]
            if c == 0x60 {  // a code span: skip it whole; an unmatched run is text
                var run = i
                while run < n, bytes[run] == 0x60 { run += 1 }
                let length = run - i
                if let close = first(runsByLength[length] ?? [], atOrAfter: run) { i = close + length } else { i = run }
                continue
            }
            if c == 0x5C, i + 1 < n {  // \( … \) and \[ … \], or an escaped character such as `\$`
                let next = bytes[i + 1]
                if next == 0x28 || next == 0x5B, let close = first(next == 0x28 ? parenClose : bracketClose, atOrAfter: i + 2) {
                    found.append((i, close + 2, next == 0x5B))
                    i = close + 2
                    continue
                }
                i += 2
                continue
            }
            if c == 0x24 {
                if i + 1 < n, bytes[i + 1] == 0x24 {
                    if let close = first(doubleDollar, atOrAfter: i + 2), close > i + 2 {
                        found.append((i, close + 2, true))
                        i = close + 2
                        continue
                    }
                } else if let close = closingDollar(bytes, after: i, isSpace: isSpace) {
                    found.append((i, close + 1, false))
                    i = close + 1
                    continue
                }
            }
            i += 1
        }
        let utf8 = text.utf8
        return found.map { span in
            Span(range: utf8.index(utf8.startIndex, offsetBy: span.start)..<utf8.index(utf8.startIndex, offsetBy: span.end), display: span.display)
        }
    }

    /// The `$` that closes the one at `open`, on the same line: it stops at the first `$`, so
    /// every byte is looked at by one such search at most.
    private static func closingDollar(_ bytes: [UInt8], after open: Int, isSpace: (UInt8) -> Bool) -> Int? {
        let start = open + 1
        guard start < bytes.count, !isSpace(bytes[start]), bytes[start] != 0x24 else { return nil }
        var j = start
        while j < bytes.count {
            let c = bytes[j]
            if c == 0x5C { j += 2; continue }
            if c == 0x0A { return nil }
            if c == 0x24 {
                let after = j + 1
                if !isSpace(bytes[j - 1]), after == bytes.count || !(bytes[after] >= 0x30 && bytes[after] <= 0x39) { return j }
                return nil
            }
            j += 1
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
        // Built as bytes: an abstract may hold a hundred thousand spans, and each step must
        // cost its own length, not the text's.
        let (open, close): ([UInt8], [UInt8]) = ([0xEE, 0x80, 0x80], [0xEE, 0x80, 0x81])  // U+E000, U+E001
        var guarded: [UInt8] = []
        guarded.reserveCapacity(markdown.utf8.count + spans.count * 8)
        var last = markdown.startIndex
        for (n, span) in spans.enumerated() {
            guarded.append(utf8Of: markdown[last..<span.range.lowerBound])
            guarded += open + Array(String(n).utf8) + close
            last = span.range.upperBound
        }
        guarded.append(utf8Of: markdown[last...])
        let html = Array(Markdown.html(String(decoding: guarded, as: UTF8.self)).utf8)
        // One pass puts the math back.
        var out: [UInt8] = []
        out.reserveCapacity(html.count + spans.count * 32)
        var i = 0
        while i < html.count {
            if html[i] == 0xEE, i + 2 < html.count, html[i + 1] == 0x80, html[i + 2] == 0x80 {
                var j = i + 3
                var n = 0
                while j < html.count, html[j] >= 0x30, html[j] <= 0x39, n < spans.count { n = n * 10 + Int(html[j] - 0x30); j += 1 }
                if j + 2 < html.count, j > i + 3, html[j] == 0xEE, html[j + 1] == 0x80, html[j + 2] == 0x81, n < spans.count {
                    out += element(markdown[spans[n].range], display: spans[n].display).utf8
                    i = j + 3
                    continue
                }
            }
            out.append(html[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import Foundation

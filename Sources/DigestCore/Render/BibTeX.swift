/// A BibTeX entry for a paper: `@inproceedings` with a venue, `@misc` without. Text is
/// escaped for LaTeX (`& % # _` and braces balanced) except inside math, which is TeX already.
public enum BibTeX {
    public static func entry(for paper: Paper, authors: [String]) -> String {
        var fields: [(String, String)] = [("title", "{" + escape(paper.title) + "}")]
        if !authors.isEmpty { fields.append(("author", authors.map(escape).joined(separator: " and "))) }
        if let venue = paper.venue { fields.append(("booktitle", escape(venue))) }
        if let year = year(of: paper) { fields.append(("year", year)) }
        if let date = paper.date { fields.append(("month", LineShape.monthNames[Int(date.dropFirst(5).prefix(2))! - 1].lowercased())) }
        let type = paper.venue == nil ? "misc" : "inproceedings"
        let body = fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n")
        return "@\(type){\(key(for: paper, authors: authors)),\n\(body)\n}"
    }

    /// The paper's year, or the year in its venue's name (`ICLR 2024`).
    static func year(of paper: Paper) -> String? {
        if let year = paper.year { return year }
        guard let last = paper.venue?.split(separator: " ").last, last.count == 4, Int(last) != nil else { return nil }
        return String(last)
    }

    /// `surname2024word`: first author's family name, year, first content word of the title.
    static func key(for paper: Paper, authors: [String]) -> String {
        let family = authors.first.flatMap { $0.split(separator: " ").last.map(String.init) } ?? ""
        // (Lazily: only the words up to the first that counts are cut out of the title.)
        let word = TextNormalization.identityKey(paper.title).lazy.split(separator: " ")
            .first { $0.count > 2 && !RelatedPapers.stopwords.contains(String($0)) }.map(String.init) ?? "paper"
        let key = Slug.make(family).filter { $0 != "-" } + (year(of: paper) ?? "") + Slug.make(word).filter { $0 != "-" }
        return key.isEmpty ? paper.id : key
    }

    static func escape(_ text: String) -> String {
        let spans = MathText.spans(in: text)
        var out = ""
        var last = text.startIndex
        for span in spans {
            out += escapePlain(text[last..<span.range.lowerBound]) + text[span.range]
            last = span.range.upperBound
        }
        return out + escapePlain(text[last...])
    }

    static func escapePlain(_ text: Substring) -> String {
        // Most titles and names have nothing to escape.
        let special = text.utf8.contains { byte in
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "%"), UInt8(ascii: "#"), UInt8(ascii: "_"), UInt8(ascii: "$"), UInt8(ascii: "{"),
                 UInt8(ascii: "}"), UInt8(ascii: "\\"), UInt8(ascii: "~"), UInt8(ascii: "^"): return true
            default: return false
            }
        }
        if !special { return String(text) }
        var out = ""
        for c in text {
            switch c {
            case "&", "%", "#", "_", "$": out += "\\" + String(c)
            case "{": out += "\\{"
            case "}": out += "\\}"
            case "\\": out += "\\textbackslash{}"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            default: out.append(c)
            }
        }
        return out
    }
}

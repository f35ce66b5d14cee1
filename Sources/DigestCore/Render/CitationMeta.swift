/// The `citation_*` meta tags Google Scholar and Zotero read (the Highwire Press names), for a
/// paper page's `<head>`: a fixed machine format, like the JSON-LD beside it, so made here in one
/// buffer. Through the template they were a section per author and five more per page, ~20
/// tokens at ~1.5 µs each in swift-mustache, about a tenth of rendering a paper page.
enum CitationMeta {
    /// One `<meta>` per line, each line ended: title, each author, date, venue, abstract,
    /// keywords. `date` and `keywords` as the page's context has them (`citationDate`, `keywords`).
    /// (`abstract`: the paper's, made text once for its page.)
    static func tags(_ paper: Paper, abstract: String, authors: [String], date: String?, keywords: String?) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(abstract.utf8.count + 64 * authors.count + 256)
        func meta(_ name: String, _ content: String) {
            out += #"<meta name="citation_"#.utf8
            out += name.utf8
            out += #"" content=""#.utf8
            out += Escape.html(content).utf8
            out += "\">\n".utf8
        }
        meta("title", paper.title)
        for author in authors { meta("author", author) }
        if let date { meta("publication_date", date) }
        if let venue = paper.venue { meta("conference_title", venue) }
        if !abstract.isEmpty { meta("abstract", abstract) }
        if let keywords { meta("keywords", keywords) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `2024-05-07` as Highwire Press writes it, `2024/05/07`.
    static func citationDate(_ date: String) -> String { String(date.map { $0 == "-" ? "/" : $0 }) }

    /// The tags, `; ` between; nil without tags.
    static func keywords(_ paper: Paper) -> String? { paper.tags.isEmpty ? nil : paper.tags.joined(separator: "; ") }
}

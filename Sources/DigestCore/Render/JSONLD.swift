/// Schema.org `ScholarlyArticle` for a paper page, as JSON safe inside a `<script>` element.
/// Written into one buffer, each text escaped straight into it: it holds the abstract, and a
/// String per field joined at the end was a quarter of making a paper page's context.
enum JSONLD {
    /// (`abstract`: the paper's, made text once for its page.)
    static func scholarlyArticle(_ paper: Paper, abstract: String, authors: [String], url: String?) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(abstract.utf8.count + 64 * authors.count + 512)
        func field(_ name: String, _ text: String) {
            out += ", \"\(name)\": ".utf8
            Escape.appendJSONString(text, to: &out)
        }
        out += #"{"@context": "https://schema.org", "@type": "ScholarlyArticle""#.utf8
        field("headline", paper.title)
        field("name", paper.title)
        if !authors.isEmpty {
            out += #", "author": ["#.utf8
            for (n, author) in authors.enumerated() {
                out += (n == 0 ? #"{"@type": "Person", "name": "# : #", {"@type": "Person", "name": "#).utf8
                Escape.appendJSONString(author, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        if let date = paper.date { field("datePublished", date) }
        if !abstract.isEmpty { field("abstract", abstract) }
        if !paper.tags.isEmpty { field("keywords", paper.tags.joined(separator: ", ")) }
        if let venue = paper.venue {
            out += #", "publication": {"@type": "PublicationEvent", "name": "#.utf8
            Escape.appendJSONString(venue, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        if let url { field("url", url) }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

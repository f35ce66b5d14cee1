/// Schema.org `ScholarlyArticle` for a paper page, as JSON safe inside a `<script>` element.
enum JSONLD {
    static func scholarlyArticle(_ paper: Paper, authors: [String], url: String?) -> String {
        var fields: [String] = [
            "\"@context\": \"https://schema.org\"",
            "\"@type\": \"ScholarlyArticle\"",
            "\"headline\": " + Escape.jsonString(paper.title),
            "\"name\": " + Escape.jsonString(paper.title),
        ]
        if !authors.isEmpty {
            fields.append("\"author\": [" + authors.map { "{\"@type\": \"Person\", \"name\": \(Escape.jsonString($0))}" }.joined(separator: ", ") + "]")
        }
        if let date = paper.date { fields.append("\"datePublished\": " + Escape.jsonString(date)) }
        if !paper.abstract.isEmpty { fields.append("\"abstract\": " + Escape.jsonString(paper.abstract)) }
        if !paper.tags.isEmpty { fields.append("\"keywords\": " + Escape.jsonString(paper.tags.joined(separator: ", "))) }
        if let venue = paper.venue {
            fields.append("\"publication\": {\"@type\": \"PublicationEvent\", \"name\": \(Escape.jsonString(venue))}")
        }
        if let url { fields.append("\"url\": " + Escape.jsonString(url)) }
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

import Foundation

/// A paper as the site shows it, read from its record.
public struct Paper: Sendable {
    public var id: String
    public var title: String
    public var titleInferred = false
    /// Names as the record gives them; `SiteModel` maps them to authors.
    public var authorNames: [String] = []
    public var authorCount: Int?
    public var organization: String?
    public var affiliation: String?
    /// ISO `YYYY-MM-DD`.
    public var date: String?
    public var upvotes: Int?
    public var venue: String?
    public var session: String?
    public var room: String?
    public var tags: [String] = []
    public var sources: [SourceRef] = []
    /// Markdown.
    public var abstract: String = ""

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }

    public var year: String? { date.map { String($0.prefix(4)) } }

    /// Reads a record; a record without a usable title is reported and left out.
    public static func from(_ record: Record, file: String) -> Result<Paper, Diagnostic> {
        guard let title = record.string("title"), !title.isEmpty else {
            return .failure(Diagnostic(file: file, line: 2, .error, "the record has no `title`"))
        }
        var paper = Paper(id: record.id, title: title)
        paper.titleInferred = record.bool("title_inferred")
        paper.authorNames = record.strings("authors")
        paper.authorCount = record.int("author_count")
        paper.organization = record.string("organization")
        paper.affiliation = record.string("affiliation")
        if let date = record.string("date") {
            guard LineShape.isISODate(date) else {
                return .failure(Diagnostic(file: file, line: nil, .error, "`date` must be YYYY-MM-DD, not `\(date)`"))
            }
            paper.date = date
        }
        paper.upvotes = record.int("upvotes")
        paper.venue = record.string("venue")
        paper.session = record.string("session")
        paper.room = record.string("room")
        paper.tags = Array(Set(record.strings("tags").map { Slug.make($0) }.filter { !$0.isEmpty })).sorted()
        paper.sources = RecordFields.sourceRefs(in: record)
        paper.abstract = record.body
        return .success(paper)
    }

    /// Newest first; undated papers after dated ones; then by title and id, so ties never
    /// depend on the order records were read in.
    public static func newestFirst(_ a: Paper, _ b: Paper) -> Bool {
        if a.date != b.date {
            guard let da = a.date else { return false }
            guard let db = b.date else { return true }
            return da > db
        }
        if a.title != b.title { return a.title.localizedStandardCompare(b.title) == .orderedAscending }
        return a.id < b.id
    }
}

/// A calendar date as a listing shows it: the year may be missing (`Sep 28`).
public struct ListingDate: Sendable, Equatable {
    public var year: Int?
    public var month: Int
    public var day: Int

    public func iso(year fallback: Int) -> String {
        let y = year ?? fallback
        return "\(y)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}

/// What a listing says about all of its papers: the institution over an abstract list, the
/// venue, session and room over a poster session, the day a daily page was taken.
public struct ListingHeader: Sendable, Equatable {
    public var affiliation: String?
    public var venue: String?
    public var session: String?
    public var room: String?
    /// `Poster`, `Oral`, … when the header says so.
    public var presentation: String?
    public var date: ListingDate?
    public init() {}
}

/// One paper as a listing gives it, before normalisation or merging.
public struct ListingEntry: Sendable, Equatable {
    /// nil when the listing gives no title (abstract lists, an abstract with no title line).
    public var title: String?
    public var authors: [String] = []
    public var authorCount: Int?
    public var organization: String?
    public var date: ListingDate?
    public var upvotes: Int?
    public var abstract: String = ""
    /// The lines the entry spans; the first is the line records cite.
    public var firstLine: Int
    public var lastLine: Int

    public init(title: String?, firstLine: Int) {
        self.title = title
        self.firstLine = firstLine
        self.lastLine = firstLine
    }
}

public struct ParsedListing: Sendable {
    public var format: ListingFormat
    public var header = ListingHeader()
    public var entries: [ListingEntry] = []
    public var diagnostics: [Diagnostic] = []

    public init(format: ListingFormat) { self.format = format }

    /// Drops every entry that spans a line whose bytes were not UTF-8: the rest of the
    /// listing is still good, but a half-decoded title or abstract is not.
    mutating func dropEntriesWithInvalidText(_ listing: ListingText) {
        for line in listing.lines { if let bytes = line.tooLong { dropEntry(at: line.number, listing, "line is \(bytes) bytes long, over the limit of \(ListingText.maxLineBytes)") } }
        let invalid = listing.lines.filter { !$0.isValidUTF8 }.map(\.number)
        guard !invalid.isEmpty else { return }
        entries.removeAll { entry in
            guard let bad = invalid.first(where: { $0 >= entry.firstLine && $0 <= entry.lastLine }) else { return false }
            diagnostics.append(Diagnostic(file: listing.path, line: bad, .error,
                                          "invalid UTF-8; the paper at line \(entry.firstLine) was skipped"))
            return true
        }
        for line in invalid where !diagnostics.contains(where: { $0.line == line }) {
            diagnostics.append(Diagnostic(file: listing.path, line: line, .warning, "invalid UTF-8 outside any paper; line ignored"))
        }
    }

    private mutating func dropEntry(at line: Int, _ listing: ListingText, _ problem: String) {
        let before = entries.count
        entries.removeAll { $0.firstLine <= line && line <= $0.lastLine }
        // An error either way: the line may have been a paper the parser could not even see.
        diagnostics.append(Diagnostic(file: listing.path, line: line, .error,
                                      problem + (entries.count < before ? "; the paper there was skipped" : "; line skipped")))
    }
}

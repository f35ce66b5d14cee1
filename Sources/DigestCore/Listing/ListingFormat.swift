/// The kinds of listing `digest ingest` reads. Each has one parser behind `ListingParser`;
/// a new format (arXiv e-mails, BibTeX, …) is a new case and a new parser, nothing else.
public enum ListingFormat: String, Sendable, CaseIterable, Codable {
    case abstractList = "abstract-list"
    case dailyPapers = "daily-papers"
    case posterSession = "poster-session"

    public var displayName: String {
        switch self {
        case .abstractList: return "abstract list"
        case .dailyPapers: return "daily papers page"
        case .posterSession: return "poster session"
        }
    }

    public var parser: any ListingParser {
        switch self {
        case .abstractList: return AbstractListParser()
        case .dailyPapers: return DailyPapersParser()
        case .posterSession: return PosterSessionParser()
        }
    }
}

public protocol ListingParser: Sendable {
    var format: ListingFormat { get }
    /// How much the listing looks like this format: 0 not at all, 1 unmistakably.
    func score(_ listing: ListingText) -> Double
    /// Reads every entry it can; what it cannot read is a diagnostic with its line.
    func parse(_ listing: ListingText) -> ParsedListing
}

public enum FormatDetector {
    /// Below this score a listing is "not a listing" rather than a poor match.
    static let threshold = 0.5

    public static func detect(_ listing: ListingText) -> ListingFormat? {
        var best: (ListingFormat, Double)?
        for format in ListingFormat.allCases {
            let score = format.parser.score(listing)
            if score >= threshold, score > (best?.1 ?? 0) { best = (format, score) }
        }
        return best?.0
    }
}

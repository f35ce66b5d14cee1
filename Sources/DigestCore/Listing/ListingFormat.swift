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
    /// The most `score` can give.
    var highestScore: Double { get }
    /// Reads every entry it can; what it cannot read is a diagnostic with its line.
    func parse(_ listing: ListingText) -> ParsedListing
}

public enum FormatDetector {
    /// Below this score a listing is "not a listing" rather than a poor match.
    static let threshold = 0.5

    /// The format that scores highest, the first in `allCases` of equal scores; nil when none
    /// reaches `threshold`. Formats are scored in the order of their highest possible score,
    /// and one that cannot beat the best so far is not scored: a scorer judges every line, and
    /// the daily papers scorer judging a 15 MB poster session was 2% of ingesting it.
    public static func detect(_ listing: ListingText) -> ListingFormat? {
        let order = ListingFormat.allCases
        func rank(_ format: ListingFormat) -> Int { order.firstIndex(of: format)! }
        var best: (format: ListingFormat, score: Double)?
        for format in order.sorted(by: { $0.parser.highestScore > $1.parser.highestScore }) {
            let parser = format.parser
            func beats(_ score: Double) -> Bool {
                guard let best else { return score >= threshold }
                return score > best.score || (score == best.score && rank(format) < rank(best.format))
            }
            guard beats(parser.highestScore) else { continue }
            let score = parser.score(listing)
            if beats(score) { best = (format, score) }
        }
        return best?.format
    }
}

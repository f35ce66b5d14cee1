/// Everything the pages are made from, built once: papers newest first, and the authors,
/// tags, sources and related papers that index them. Every list is sorted by a stated key.
public struct SiteModel: Sendable {
    public let config: SiteConfig
    /// Newest first (`Paper.newestFirst`).
    public let papers: [Paper]
    /// A–Z by family name.
    public let authors: [Author]
    /// For each paper, its authors as indices into `authors`, in byline order.
    public let paperAuthors: [[Int]]
    /// By name.
    public let tags: [Tag]
    /// By listing file name.
    public let sources: [Source]
    /// Each listing's place in `sources` (`sourcePlace`), by the hash of its name: every
    /// paper's page inputs look up each of its listings, and in a `Dictionary` of Strings
    /// (hashed again and compared through the String's checks) those 100k lookups were 0.13 G
    /// instructions of every rebuild at 100k papers.
    private let sourceKeys: KeyTable
    /// For each paper, up to five related papers, most similar first.
    public private(set) var related: [[Int]]
    /// Each paper's place by its id: made when asked for (no page needs it; a table of 100k
    /// ids was 50 ms of every build).
    public var paperIndex: [String: Int] { Dictionary(uniqueKeysWithValues: papers.enumerated().map { ($1.id, $0) }) }

    public struct Tag: Sendable {
        public let id: String
        /// Newest first.
        public let papers: [Int]
    }

    /// `related` makes the related papers of the papers in the model's order. (A build makes
    /// none here: it adds them with `with(related:)`, from `RelatedCache` when it can, while the
    /// search index is made from this model beside them.)
    public init(config: SiteConfig, papers unsorted: [Paper], listings: [String: ListingInfo],
                related: ([Paper]) -> [[Int]] = { RelatedPapers.compute($0) }) {
        self.init(config: config, newestFirst: Self.newestFirst(unsorted), listings: listings, related: related)
    }

    /// The papers in the model's order: what a build relates while the rest of the model is made.
    static func newestFirst(_ unsorted: [Paper]) -> [Paper] {
        newestFirstOrder(unsorted).map { unsorted[$0] }
    }

    /// Where each of the model's papers is in `unsorted`, in the model's order: a build puts
    /// what it has of each paper beside it (`PaperKeys`) in the same order.
    static func newestFirstOrder(_ unsorted: [Paper]) -> [Int] {
        // Days as numbers, which order as their texts do: with two texts compared in each of the
        // ~1.7M comparisons, the sort was 2.4% of a 100k edit's rebuild, with numbers 0.9%
        // (perf). A day's papers go by id: by the ids' first eight bytes where those differ
        // (`SortHead`), read from one array, not from each paper's facts and id wherever they
        // are in memory (65 ms of a 100k rebuild, now 50: a day's ids often share eight bytes).
        // Undated papers go by their first source: here its listing's place among the listings
        // named so, and its line (none: after them all); then by id the same way. Ids whose
        // heads tie, and any date not written YYYY-MM-DD (no checked record has one), are left
        // to `Paper.newestFirst`.
        let listings = Set(unsorted.lazy.compactMap { $0.date == nil ? $0.sources.first?.listing : nil }).sorted()
        let rank = Dictionary(uniqueKeysWithValues: listings.enumerated().map { ($1, $0) })
        let keys = ParallelMap.run(unsorted.count) { i -> (day: Int?, source: (Int, Int), id: SortHead) in
            let id = SortHead(unsorted[i].id)
            guard let date = unsorted[i].date else {  // undated: after every day
                return (-1, unsorted[i].sources.first.map { (rank[$0.listing]!, $0.line) } ?? (listings.count, 0), id)
            }
            return (LineShape.isoDate(date).map { $0.year * 10_000 + $0.month * 100 + $0.day }, (0, 0), id)
        }
        // Each paper's place in one number (day, then source), its id's head beside it: sorted
        // by those, each comparison two numbers read side by side (through each paper's keys
        // wherever they were, 1.7M comparisons took 0.17 G instructions of a 100k rebuild).
        let packed = keys.indices.compactMap { Packed(keys[$0], place: $0) }
        if packed.count == keys.count {
            return packed.sorted { a, b in
                if a.order != b.order { return a.order < b.order }
                if a.tells && b.tells && a.head != b.head { return a.head < b.head }
                return Paper.newestFirst(unsorted[Int(a.place)], unsorted[Int(b.place)])
            }.map { Int($0.place) }
        }
        return unsorted.indices.sorted { a, b in
            let (ka, kb) = (keys[a], keys[b])
            if let da = ka.day, let db = kb.day {
                if da != db { return da > db }
                if ka.source != kb.source { return ka.source < kb.source }
                if let ordered = ka.id.orders(kb.id) { return ordered }
            }
            return Paper.newestFirst(unsorted[a], unsorted[b])
        }
    }

    /// A paper's sort key packed: `order`, its day counted down (the newest first), or for an
    /// undated paper (after every day) its source's place and line; its id's head.
    private struct Packed {
        let order: UInt64
        let head: UInt64
        let place: Int32
        let tells: Bool

        /// Nil when a key does not fit: a date not written YYYY-MM-DD, a line past 2³².
        init?(_ key: (day: Int?, source: (Int, Int), id: SortHead), place: Int) {
            guard let day = key.day, place <= Int(Int32.max) else { return nil }
            if day >= 0 {
                guard day < 100_000_000 else { return nil }
                order = UInt64(100_000_000 - day)
            } else {
                let (rank, line) = key.source
                guard (0..<(1 << 31)).contains(rank), (0..<(1 << 32)).contains(line) else { return nil }
                order = 1 << 63 | UInt64(rank) << 32 | UInt64(line)
            }
            (head, tells, self.place) = (key.id.head, key.id.tells, Int32(place))
        }
    }

    /// The model of papers already in order (`newestFirst`). `people` makes their authors (a
    /// build takes them from `AuthorsCache` when it can).
    init(config: SiteConfig, newestFirst papers: [Paper], listings: [String: ListingInfo],
         people: ([Paper]) -> SiteAuthors = SiteAuthors.init, related: ([Paper]) -> [[Int]]) {
        self.config = config
        self.papers = papers

        let people = people(papers)
        (authors, paperAuthors) = (people.authors, people.paperAuthors)

        // Tags and listings numbered on their bytes, not as Dictionary keys (300k tags at
        // 100k papers), in one pass over the papers: each paper's facts are read from memory
        // once (two passes, one with a Dictionary of listings, were 0.13 s of a 100k rebuild).
        var tagNumbers = TermTable(), listingNumbers = TermTable()
        var tagPapers: [[Int]] = [], listingPapers: [[(line: Int, paper: Int)]] = []
        for (index, paper) in papers.enumerated() {
            for tag in paper.tags {
                let number = Int(tagNumbers.id(tag))
                if number == tagPapers.count { tagPapers.append([]) }
                tagPapers[number].append(index)
            }
            for source in paper.sources {
                let number = Int(listingNumbers.id(source.listing))
                if number == listingPapers.count { listingPapers.append([]) }
                listingPapers[number].append((source.line, index))
            }
        }
        let tagNames = tagNumbers.names()
        tags = tagNames.indices.sorted { tagNames[$0] < tagNames[$1] }.map { Tag(id: tagNames[$0], papers: tagPapers[$0]) }
        let listingNames = listingNumbers.names()
        var sourceSlugs: [String: Int] = [:]
        sources = listingNames.indices.sorted { listingNames[$0] < listingNames[$1] }.map { number in
            let listing = listingNames[number]
            let entries = listingPapers[number].sorted { $0.line != $1.line ? $0.line < $1.line : $0.paper < $1.paper }
            let info = listings[listing] ?? ListingInfo(format: nil, header: ListingHeader())
            let venue = config.listings[listing]?.venue
            var slug = Slug.make((listing as NSString).deletingPathExtension)
            if slug.isEmpty { slug = "listing" }
            sourceSlugs[slug, default: 0] += 1
            if sourceSlugs[slug]! > 1 { slug += "-\(sourceSlugs[slug]!)" }
            return Source(id: slug, listing: listing, title: info.title(listing: listing, venue: venue),
                          format: info.format, papers: entries.map(\.paper))
        }
        sourceKeys = KeyTable(sources.map { ContextHash.of(text: $0.listing) })
        self.related = related(papers)
    }

    /// The same model with `related` for its related papers.
    func with(related: [[Int]]) -> SiteModel {
        var model = self
        model.related = related
        return model
    }

    /// The source a listing is shown as; nil for a listing no paper names any more.
    public func source(listing: String) -> Source? {
        sourcePlace(listing: listing).map { sources[$0] }
    }

    /// The place in `sources` of the source page of `listing`, if it has one: its fields read
    /// there, not from a copy of it (a retain and a release of each of its texts).
    func sourcePlace(listing: String) -> Int? {
        if let place = sourceKeys.place(of: ContextHash.of(text: listing)), sources[place].listing == listing { return place }
        // (Another listing's name with the same hash: the table has the first.)
        return sourceKeys.hasRepeats ? sources.firstIndex { $0.listing == listing } : nil
    }
}

import Foundation

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
    /// Each listing's index in `sources` (`source(listing:)`).
    private let sourceIndex: [String: Int]
    /// For each paper, up to five related papers, most similar first.
    public private(set) var related: [[Int]]
    public let paperIndex: [String: Int]

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
        // Sort and identity keys are made once per paper, on all cores: made in each
        // comparison, or once per pass, they were most of this stage at 100k papers.
        let titleKeys = ParallelMap.run(unsorted.count) { TextNormalization.identityKey(unsorted[$0].title) }
        // Days as numbers, which order as their texts do: with two texts compared in each of the
        // ~1.7M comparisons, the sort was 2.4% of a 100k edit's rebuild, with numbers 0.9%
        // (perf). Papers of one day, and any date not written YYYY-MM-DD (no checked record has
        // one), are left to `Paper.newestFirst`.
        let days = ParallelMap.run(unsorted.count) { i -> Int? in
            guard let date = unsorted[i].date else { return -1 }  // undated: after every day
            return LineShape.isoDate(date).map { $0.year * 10_000 + $0.month * 100 + $0.day }
        }
        let order = unsorted.indices.sorted { a, b in
            if let da = days[a], let db = days[b], da != db { return da > db }
            return Paper.newestFirst(unsorted[a], unsorted[b], titleKeys: (titleKeys[a], titleKeys[b]))
        }
        return order.map { unsorted[$0] }
    }

    /// The model of papers already in order (`newestFirst`).
    init(config: SiteConfig, newestFirst papers: [Paper], listings: [String: ListingInfo], related: ([Paper]) -> [[Int]]) {
        self.config = config
        self.papers = papers
        paperIndex = Dictionary(uniqueKeysWithValues: papers.enumerated().map { ($1.id, $0) })

        // Authors: one pass over the bylines (500k names at 100k papers), each name's key
        // looked up once; from then on an author is a number, its papers, spellings and
        // place in the A–Z list in arrays by that number.
        let authorKeys = ParallelMap.run(papers.count) { papers[$0].authors.map(AuthorIdentity.key) }
        var idOfKey: [String: Int] = [:]
        var papersOf: [[Int]] = [], spellingsOf: [[(name: String, count: Int)]] = []
        var bylines: [[Int]] = []  // per paper, its authors' numbers
        bylines.reserveCapacity(papers.count)
        for (index, paper) in papers.enumerated() {
            bylines.append(zip(paper.authors, authorKeys[index]).map { name, key in
                let id = idOfKey[key] ?? {
                    idOfKey[key] = papersOf.count
                    papersOf.append([])
                    spellingsOf.append([])
                    return papersOf.count - 1
                }()
                if let k = spellingsOf[id].firstIndex(where: { $0.name == name }) { spellingsOf[id][k].count += 1 } else { spellingsOf[id].append((name, 1)) }
                if papersOf[id].last != index { papersOf[id].append(index) }
                return id
            })
        }
        // In the order first met: the A–Z order below leaves no tie to it, as no two authors
        // have the same name (a spelling is one person's, by its key).
        let unsortedAuthors = papersOf.indices.map { id in
            Author(id: "", name: AuthorIdentity.bestSpelling(spellingsOf[id]), papers: papersOf[id])
        }
        let sortKeys = ParallelMap.run(unsortedAuthors.count) { unsortedAuthors[$0].sortKey }
        let authorOrder = unsortedAuthors.indices.sorted {
            sortKeys[$0] != sortKeys[$1] ? sortKeys[$0] < sortKeys[$1] : unsortedAuthors[$0].name < unsortedAuthors[$1].name
        }
        var authors = authorOrder.map { unsortedAuthors[$0] }
        let slugs = ParallelMap.run(authors.count) { [authors] in Slug.make(authors[$0].name) }
        var taken: [String: Int] = [:]
        authors = zip(authors, slugs).map { author, made in
            var slug = made
            if slug.isEmpty { slug = "author" }
            taken[slug, default: 0] += 1
            if taken[slug]! > 1 { slug += "-\(taken[slug]!)" }
            return Author(id: slug, name: author.name, papers: author.papers)
        }
        var position = [Int](repeating: 0, count: authors.count)  // by author number
        for (at, unsorted) in authorOrder.enumerated() { position[unsorted] = at }
        let paperAuthors = bylines.map { ids in
            var seen = Set<Int>()
            return ids.map { position[$0] }.filter { seen.insert($0).inserted }
        }
        // Each author's co-authors on every core: 155k authors at 100k papers.
        let coauthors = ParallelMap.run(authors.count) { [authors] index -> [(author: Int, count: Int)] in
            // Half the authors have one paper (78,179 of 155,158 at 100k): its other authors,
            // once each, need no table of counts (perf of a 100k edit's rebuild: this step
            // 3.3% of its CPU with one, 2.6% without).
            if authors[index].papers.count == 1 {
                return paperAuthors[authors[index].papers[0]].filter { $0 != index }.sorted().map { (author: $0, count: 1) }
            }
            var counts: [Int: Int] = [:]
            for paper in authors[index].papers { for other in paperAuthors[paper] where other != index { counts[other, default: 0] += 1 } }
            return counts.map { (author: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.author < $1.author }
        }
        for index in authors.indices { authors[index].coauthors = coauthors[index] }
        self.authors = authors
        self.paperAuthors = paperAuthors

        var tagPapers: [String: [Int]] = [:]
        for (index, paper) in papers.enumerated() { for tag in paper.tags { tagPapers[tag, default: []].append(index) } }
        tags = tagPapers.keys.sorted().map { Tag(id: $0, papers: tagPapers[$0]!) }

        var sourcePapers: [String: [(line: Int, paper: Int)]] = [:]
        for (index, paper) in papers.enumerated() {
            for source in paper.sources { sourcePapers[source.listing, default: []].append((source.line, index)) }
        }
        var sourceSlugs: [String: Int] = [:]
        sources = sourcePapers.keys.sorted().map { listing in
            let entries = sourcePapers[listing]!.sorted { $0.line != $1.line ? $0.line < $1.line : $0.paper < $1.paper }
            let info = listings[listing] ?? ListingInfo(format: nil, header: ListingHeader())
            let venue = config.listings[listing]?.venue
            var slug = Slug.make((listing as NSString).deletingPathExtension)
            if slug.isEmpty { slug = "listing" }
            sourceSlugs[slug, default: 0] += 1
            if sourceSlugs[slug]! > 1 { slug += "-\(sourceSlugs[slug]!)" }
            return Source(id: slug, listing: listing, title: info.title(listing: listing, venue: venue),
                          format: info.format, papers: entries.map(\.paper))
        }
        sourceIndex = Dictionary(uniqueKeysWithValues: sources.enumerated().map { ($1.listing, $0) })
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
        sourceIndex[listing].map { sources[$0] }
    }
}

import Foundation

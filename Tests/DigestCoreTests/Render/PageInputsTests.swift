import Foundation
import Testing
@testable import DigestCore

/// A rebuild tells whether a paper or author page (or the author index) changed from `modelHash` — what the page is
/// made from, taken from the model — not from its context. So every change to a record or a
/// listing that changes a page's context must change that page's hash.
@Suite struct PageInputsTests {
    static let sample: SiteLoader.Loaded = {
        var diagnostics: [Diagnostic] = []
        return SiteLoader.load(SitePaths(root: Fixtures.repoRoot), diagnostics: &diagnostics)!
    }()

    func renderer(_ papers: [Paper], listings: [String: ListingInfo] = sample.listings) throws -> SiteRenderer {
        let model = SiteModel(config: Self.sample.config, papers: papers, listings: listings)
        let templates = try TemplateSet.load(siteTemplates: "/nonexistent").get()
        return SiteRenderer(model: model, templates: templates, linkStyle: .pretty, katex: true, baseURL: "https://example.org/d/")
            .prepared(renderAll: false)
    }

    /// Each context hash and model hash of the pages that have a model hash, by path.
    func hashes(_ papers: [Paper], listings: [String: ListingInfo] = sample.listings) throws -> [String: (context: UInt64, model: UInt64)] {
        let renderer = try renderer(papers, listings: listings)
        let pages = renderer.pages().filter { renderer.modelHash(of: $0) != nil }
        let values = ParallelMap.run(pages.count) { (ContextHash.of(renderer.context(for: pages[$0])), renderer.modelHash(of: pages[$0])!) }
        return Dictionary(uniqueKeysWithValues: zip(pages.map(\.path), values.map { (context: $0.0, model: $0.1) }))
    }

    /// Every page both hash sets have whose context changed has a new model hash; and some did change.
    func expectHashesFollowContexts(_ old: [String: (context: UInt64, model: UInt64)],
                                    _ new: [String: (context: UInt64, model: UInt64)], _ change: String) {
        var changed = 0
        for (path, now) in new {
            guard let before = old[path], now.context != before.context else { continue }
            changed += 1
            #expect(now.model != before.model, "\(change): the context of \(path) changed, its hash did not")
        }
        #expect(changed > 0, "\(change) changed no page")
    }

    /// One change to each field a record's facts have, by the field's name.
    static let changes: [(field: String, change: @Sendable (inout PaperFacts) -> Void)] = [
        ("title", { $0.title += " Revisited" }),
        ("titleInferred", { $0.titleInferred.toggle() }),
        ("authors", { $0.authors.insert("Zed Newcomer", at: 1) }),
        ("authorCount", { $0.authors = []; $0.authorCount = 7 }),
        ("organization", { $0.organization = "A Lab" }),
        ("affiliation", { $0.affiliation = "A University" }),
        ("date", { $0.date = "2001-02-03" }),
        ("upvotes", { $0.upvotes = ($0.upvotes ?? 0) + 5 }),
        ("venue", { $0.venue = "A Venue" }),
        ("session", { $0.session = "Oral 1" }),
        ("room", { $0.room = "Hall B" }),
        ("abstractText", { $0.abstract += " One more sentence." }),
        ("tags", { $0.tags = ($0.tags + ["a-new-tag"]).sorted() }),
        ("sources", { $0.sources[0].line += 1000 }),
    ]

    /// A rebuild's pages take the last build's paths where they are at their places, and make
    /// the others: the list is the one made without them, whatever the last build's was (the
    /// same, one paper fewer, moved by one, none).
    @Test func pagesTakingTheLastBuildsPathsAreThePagesMade() throws {
        let renderer = try self.renderer(Self.sample.papers)
        let made = renderer.pages()
        let paths = made.map(\.path)
        let fewer = try self.renderer(Array(Self.sample.papers.dropLast())).pages().map(\.path)
        for last in [paths, fewer, [String](paths.dropFirst()), ["index.html"] + paths, []] {
            let taken = renderer.pages(reusing: last)
            #expect(taken.map(\.path) == paths && taken.map(\.kind) == made.map(\.kind))
        }
        #expect(paths.contains { $0.hasPrefix("papers/") } && paths.contains { $0.hasPrefix("authors/") })
    }

    @Test func everyFactOfARecordReachesItsPagesHashes() throws {
        // A field added to the facts fails this until it has a change here (and is in `modelHash`).
        #expect(Mirror(reflecting: PaperFacts(title: "")).children.compactMap(\.label).sorted() == Self.changes.map(\.field).sorted())
        let papers = Self.sample.papers
        // A paper with co-authors and an abstract, so that the change reaches other pages too.
        let k = try #require(papers.firstIndex { $0.authors.count >= 3 && !$0.abstract.isEmpty && !$0.sources.isEmpty })
        let before = try hashes(papers)
        for (field, change) in Self.changes {
            var changed = papers
            change(&changed[k].facts)
            expectHashesFollowContexts(before, try hashes(changed), field)
        }
    }

    /// Pages tell a paper's list item changed by its summary hash (`summaryInputs`), taken from
    /// the model, not from the summary the item is rendered from: every change to a record that
    /// changes a paper's summary changes that hash.
    @Test func everyFactOfARecordInAPapersSummaryReachesItsHash() throws {
        // Each paper's summary hashed, and its summary hash, by id.
        func summaries(_ papers: [Paper]) throws -> [String: (summary: UInt64, hash: UInt64)] {
            let renderer = try renderer(papers)
            return Dictionary(uniqueKeysWithValues: renderer.model.papers.indices.map {
                (renderer.model.papers[$0].id, (ContextHash.of(renderer.summary($0)), renderer.summaryHashes[$0]))
            })
        }
        let papers = Self.sample.papers
        let k = try #require(papers.firstIndex { $0.authors.count >= 3 && !$0.abstract.isEmpty && !$0.tags.isEmpty })
        let before = try summaries(papers)
        var fields: Set<String> = []
        for (field, change) in Self.changes {
            var changed = papers
            change(&changed[k].facts)
            for (id, now) in try summaries(changed) {
                guard let was = before[id], now.summary != was.summary else { continue }
                fields.insert(field)
                #expect(now.hash != was.hash, "\(field): the summary of \(id) changed, its hash did not")
            }
        }
        // The fields a list item shows (the byline is made from the authors, or their count).
        #expect(fields == ["title", "authors", "authorCount", "date", "upvotes", "venue", "tags"])
    }

    /// The summary hash takes the byline by what it is made from (`addSummaryInputs`), not as
    /// made: each way a byline is made (no authors: their count or the organisation; up to three
    /// names; two and "et al.") changes the hash when the byline changes.
    @Test func everyWayABylineChangesReachesTheSummaryHash() throws {
        let papers = Self.sample.papers
        let k = try #require(papers.firstIndex { $0.authors.count >= 5 })
        func summary(_ change: (inout PaperFacts) -> Void) throws -> (byline: String?, hash: UInt64) {
            var changed = papers
            change(&changed[k].facts)
            let renderer = try renderer(changed)
            let at = try #require(renderer.model.papers.firstIndex { $0.id == papers[k].id })
            return (renderer.byline(at), renderer.summaryHashes[at])
        }
        let bylines: [(String, (inout PaperFacts) -> Void)] = [
            ("et al.", { _ in }),
            ("another third author, still et al.", { $0.authors[2] = "Zed Newcomer" }),
            ("three names", { $0.authors = Array($0.authors.prefix(3)) }),
            ("another third name", { $0.authors = Array($0.authors.prefix(2)) + ["Zed Newcomer"] }),
            ("two names", { $0.authors = Array($0.authors.prefix(2)) }),
            ("a count", { $0.authors = []; $0.authorCount = 7 }),
            ("another count", { $0.authors = []; $0.authorCount = 8 }),
            ("an organisation", { $0.authors = []; $0.organization = "A Lab" }),
            ("another organisation", { $0.authors = []; $0.organization = "B Lab" }),
            ("neither", { $0.authors = []; $0.organization = nil }),
        ]
        let made = try bylines.map { try summary($0.1) }
        for i in made.indices { for j in made.indices where i < j {
            if made[i].byline != made[j].byline { #expect(made[i].hash != made[j].hash, "\(bylines[i].0) / \(bylines[j].0)") }
        } }
        #expect(made[0].byline == made[1].byline && made[2].byline != made[3].byline && Set(made.map(\.byline)).count == bylines.count - 1)
    }

    /// A list's count is on every page of it, and each tag's and source's count on the home
    /// page: a paper given a tag, or a source, on another page of their lists changes them
    /// where no item changes.
    @Test func aListsNewCountReachesPagesWhoseItemsStay() throws {
        let papers = Self.sample.papers
        let renderer = try renderer(papers)
        let tag = try #require(renderer.model.tags.first { $0.papers.count > renderer.perPage })
        let source = try #require(renderer.model.sources.first { $0.papers.count > renderer.perPage })
        // The oldest paper without either: it goes to the tag's last page; and to the source's, by its line.
        let oldest = try #require(renderer.model.papers.indices.last {
            !renderer.model.papers[$0].tags.contains(tag.id) && !renderer.model.papers[$0].sources.contains { $0.listing == source.listing }
        })
        let k = try #require(papers.firstIndex { $0.id == renderer.model.papers[oldest].id })
        let before = try hashes(papers)
        let changes: [(list: String, change: (inout PaperFacts) -> Void)] = [
            ("tags/\(tag.id)/index.html", { $0.tags = ($0.tags + [tag.id]).sorted() }),
            ("sources/\(source.id)/index.html", { $0.sources = ($0.sources + [SourceRef(listing: source.listing, line: 1_000_000)]).sorted() }),
        ]
        for (list, change) in changes {
            var changed = papers
            change(&changed[k].facts)
            let after = try hashes(changed)
            for path in ["index.html", list] { #expect(before[path]!.context != after[path]!.context, "\(path): its context changed") }
            expectHashesFollowContexts(before, after, "a paper added to \(list)")
        }
    }

    /// A list's last page of papers gone (as a page of papers added after them would come): the
    /// pages between its first and its new last keep their contexts and hashes — the count of
    /// papers and of pages is on the first page only — so a rebuild leaves them as they are.
    @Test func aListsMiddlePagesStayWhenItsLastPageGoes() throws {
        let papers = Self.sample.papers
        let renderer = try renderer(papers)
        let tag = try #require(renderer.model.tags.first { $0.papers.count > 3 * renderer.perPage })
        let lists: [(first: String, folder: String, papers: [Int])] = [
            ("index.html", "", Array(renderer.model.papers.indices)),
            ("tags/\(tag.id)/index.html", "tags/\(tag.id)/", tag.papers),
        ]
        let before = try hashes(papers)
        for list in lists {
            let pages = SiteRenderer.pageCount(list.papers.count, perPage: renderer.perPage)
            #expect(pages >= 4)
            let gone = Set(list.papers[((pages - 1) * renderer.perPage)...].map { renderer.model.papers[$0].id })
            let after = try hashes(papers.filter { !gone.contains($0.id) })
            #expect(before[list.first]!.context != after[list.first]!.context && before[list.first]!.model != after[list.first]!.model)
            #expect(after[list.folder + "page/\(pages)/index.html"] == nil)
            for n in 2...(pages - 2) {
                let path = list.folder + "page/\(n)/index.html"
                #expect(before[path]!.context == after[path]!.context, "\(path): its context changed")
                #expect(before[path]!.model == after[path]!.model, "\(path): its hash changed")
            }
            expectHashesFollowContexts(before, after, "the last page of \(list.first) gone")
        }
    }

    @Test func aListingsNewHeaderReachesItsPapersHashes() throws {
        var listings = Self.sample.listings
        let name = try #require(listings.keys.sorted().first)
        var header = listings[name]!.header
        header.venue = "A Renamed Venue"
        listings[name] = ListingInfo(format: listings[name]!.format, header: header)
        expectHashesFollowContexts(try hashes(Self.sample.papers), try hashes(Self.sample.papers, listings: listings), "a listing's header")
    }
}

import Foundation
import Testing
@testable import DigestCore

/// After a listing, the people the last build kept are grown by the new papers' bylines
/// (`SiteAuthors.adding`) rather than made again from every byline; they must be what making
/// them all again gives, and where that cannot be sure, they are not grown.
@Suite struct PeopleAddedTests {
    static let papers = SearchTests.sample.papers

    /// The people of `kept` (the papers but those at `added`, in the same order), grown by the
    /// papers at `added`; nil when `adding` declines.
    static func grown(_ papers: [Paper], adding added: Set<Int>, path: String? = nil) throws -> SiteAuthors? {
        let path = try path ?? Self.path()
        let kept = papers.indices.filter { !added.contains($0) }.map { papers[$0] }
        _ = AuthorsCache.people(kept, path: path, useCached: false)
        let read = try #require(AuthorsCache.read(path, hashes: AuthorsCache.paperHashes(papers), keys: RelatedPapers.paperKeys(papers)))
        #expect(read.added == added.sorted())
        return read.people.adding(read.added, of: papers)
    }

    static func path() throws -> String {
        let folder = Fixtures.scratch("people-added")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/authors.bin"
    }

    static func papers(_ bylines: [[String]]) -> [Paper] {
        bylines.enumerated().map { i, names in
            var paper = Paper(id: "p\(i)", title: "Paper \(i)")
            paper.authors = names
            return paper
        }
    }

    /// One listing's papers (those only it has) added to the sample's other four: the people
    /// grown are the people made.
    @Test func aListingsPapersGrowThePeople() throws {
        let listing = try #require(Self.papers.first { $0.facts.sources.count == 1 }?.facts.sources[0].listing)
        let added = Set(Self.papers.indices.filter { Self.papers[$0].facts.sources.map(\.listing) == [listing] })
        #expect(added.count > 10)
        let grown = try #require(try Self.grown(Self.papers, adding: added))
        AuthorsCacheTests.expectSame(grown, SiteAuthors(Self.papers))
    }

    /// Every seventh paper of the sample added, at places all through the list: the same.
    @Test func papersAddedAllThroughGrowThePeople() throws {
        let added = Set(stride(from: 3, to: Self.papers.count, by: 7))
        let grown = try #require(try Self.grown(Self.papers, adding: added))
        AuthorsCacheTests.expectSame(grown, SiteAuthors(Self.papers))
    }

    /// Newcomers first and last A–Z, one on two added papers, one in the middle, a known
    /// person on an added paper with a newcomer: placed as making them all would.
    @Test func newcomersArePlacedAmongTheKnown() throws {
        let bylines = [
            ["Bea Berg", "Carl Clay"], ["Dora Dunn"], ["Carl Clay", "Eve Egg"],
            ["Aaron Aalto", "Carl Clay"], ["Zed Zulu"], ["Cara Cole", "Zed Zulu", "Aaron Aalto"],
        ]
        let papers = Self.papers(bylines)
        let grown = try #require(try Self.grown(papers, adding: [3, 4, 5]))
        AuthorsCacheTests.expectSame(grown, SiteAuthors(papers))
        #expect(grown.authors.map(\.name).first == "Aaron Aalto")
        #expect(grown.authors.map(\.name).last == "Zed Zulu")
    }

    /// Spellings added: a known person written another way that does not win (all-caps
    /// against mixed case; fewer uses), a newcomer written two ways, a name twice in a byline.
    /// Counted as making them all would, the shown spelling kept.
    @Test func spellingsAddedAreCounted() throws {
        let bylines = [
            ["Ajay Jaiswal", "Zhe Gan"], ["Amit CAI", "Zhe Gan"], ["Amit CAI"],
            ["AJAY JAISWAL", "Amit Cai"], ["Li Wei", "Zhe Gan", "Zhe Gan"], ["LI WEI", "li  wei"], ["Li Wei"],
        ]
        let papers = Self.papers(bylines)
        let grown = try #require(try Self.grown(papers, adding: [3, 4, 5, 6]))
        AuthorsCacheTests.expectSame(grown, SiteAuthors(papers))
        #expect(grown.spellings.others.count == 3)
    }

    /// A known person's shown spelling outnumbered by another that only changes its case: the
    /// person is renamed where they stand, their slug kept.
    @Test func aSpellingThatWinsRenamesInPlace() throws {
        let bylines = [["Amit CAI", "Zhe Gan"], ["Amit Caa"], ["Amit Cai"], ["Amit Cai", "Zhe Gan"]]
        let papers = Self.papers(bylines)
        let grown = try #require(try Self.grown(papers, adding: [2, 3]))
        AuthorsCacheTests.expectSame(grown, SiteAuthors(papers))
        #expect(grown.authors.map(\.name) == ["Amit Caa", "Amit Cai", "Zhe Gan"])
    }

    /// Where growing could differ from making, it is declined, and `people` makes them: a
    /// renamed person whose slug is numbered (a slug's second use), a newcomer whose slug a
    /// known person has, two newcomers with one slug.
    @Test func whatCouldDifferIsMadeAgain() throws {
        let cases: [[[String]]] = [
            [["Jose Alvarez"], ["José Álvarez"], ["José álvarez"], ["José álvarez"]],
            [["Émile Zola"], ["Emile Zola"]],
            [["Zhe Gan"], ["José Álvarez", "Jose Alvarez"]],
        ]
        for bylines in cases {
            let papers = Self.papers(bylines)
            let added = Set((bylines.count == 4 ? 2 : 1)..<bylines.count)
            let path = try Self.path()
            #expect(try Self.grown(papers, adding: added, path: path) == nil, "\(bylines)")
            let all = AuthorsCache.people(papers, path: path, useCached: true)
            AuthorsCacheTests.expectSame(all, SiteAuthors(papers))
        }
    }

    /// People whose keys are not all different (a cache read back wrong) are not grown: a
    /// name would be found as the wrong person.
    @Test func peopleWithARepeatedKeyAreNotGrown() throws {
        let papers = Self.papers([["Zhe Gan"], ["Li Wei"], ["Zhe Gan"]])
        let made = SiteAuthors(Array(papers.prefix(2)))
        var keys = TermTable.Words()
        keys.append(0, of: made.keys)
        keys.append(0, of: made.keys)
        let twice = SiteAuthors(authors: made.authors, paperAuthors: made.paperAuthors + [[]], keys: keys, spellings: made.spellings)
        #expect(twice.adding([2], of: papers) == nil)
        let right = SiteAuthors(authors: made.authors, paperAuthors: made.paperAuthors + [[]], keys: made.keys, spellings: made.spellings)
        AuthorsCacheTests.expectSame(try #require(right.adding([2], of: papers)), SiteAuthors(papers))
    }
}

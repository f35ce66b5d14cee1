import Foundation
import Testing
@testable import DigestCore

/// The model's people a build keeps in `.digest-cache/authors.bin`: taken back, in today's
/// places, whenever every paper's id and byline is as when they were made, in whatever order;
/// made again when any byline is not.
@Suite struct AuthorsCacheTests {
    static let papers = SearchTests.sample.papers

    /// Everything a page is made from, compared field by field.
    static func expectSame(_ a: SiteAuthors, _ b: SiteAuthors) {
        #expect(a.authors.count == b.authors.count)
        for (x, y) in zip(a.authors, b.authors)
        where x.id != y.id || x.name != y.name || x.papers != y.papers || !x.coauthors.elementsEqual(y.coauthors, by: { $0 == $1 }) {
            Issue.record("\(x) against \(y)")
        }
        #expect(a.paperAuthors == b.paperAuthors)
        #expect(a.keys.arena == b.keys.arena && a.keys.starts == b.keys.starts && a.keys.hashes == b.keys.hashes)
        #expect(a.spellings.shown == b.spellings.shown)
        #expect(a.spellings.others.keys.sorted() == b.spellings.others.keys.sorted())
        for (at, others) in a.spellings.others where !others.elementsEqual(b.spellings.others[at] ?? [], by: { $0 == $1 }) {
            Issue.record("spellings of \(a.authors[at].name): \(others) against \(b.spellings.others[at] ?? [])")
        }
    }

    /// The people kept for exactly these papers.
    static func read(_ path: String, _ papers: [Paper]) -> SiteAuthors? {
        guard let kept = AuthorsCache.read(path, hashes: AuthorsCache.paperHashes(papers), keys: papers.map { RelatedPapers.paperKey($0.id) }),
              kept.added.isEmpty else { return nil }
        return kept.people
    }

    func path() throws -> String {
        let folder = Fixtures.scratch("authors")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/authors.bin"
    }

    /// The sample's people kept, then read back for the papers in another order (each run of
    /// seven reversed, as title edits move papers among their day's): each person's papers are
    /// today's places, newest first, and each paper's authors are at its new place.
    @Test func keptPeopleComeBackInTodaysPlaces() throws {
        let path = try path()
        Self.expectSame(AuthorsCache.people(Self.papers, path: path, useCached: true), SiteAuthors(Self.papers))
        let moved = stride(from: 0, to: Self.papers.count, by: 7).flatMap { Self.papers[$0..<min($0 + 7, Self.papers.count)].reversed() }
        #expect(moved.map(\.id) != Self.papers.map(\.id))
        let kept = try #require(Self.read(path, moved))
        Self.expectSame(kept, SiteAuthors(moved))
    }

    /// One more name in one byline: the kept people are not read, and `people` makes them and
    /// keeps them under the new mark.
    @Test func anotherBylineMakesThemAgain() throws {
        let path = try path()
        _ = AuthorsCache.people(Self.papers, path: path, useCached: true)
        var edited = Self.papers
        let at = try #require(edited.firstIndex { $0.authors.count > 1 })
        edited[at].authors.append(edited[at + 1].authors.first ?? "Someone Else")
        #expect(Self.read(path, edited) == nil)
        Self.expectSame(AuthorsCache.people(edited, path: path, useCached: true), SiteAuthors(edited))
        Self.expectSame(try #require(Self.read(path, edited)), SiteAuthors(edited))
        #expect(Self.read(path, Self.papers) == nil)
    }

    /// A file cut short, and a paper in the file that is not among today's, read as nothing.
    @Test func aFileThatDoesNotFitIsNotRead() throws {
        let path = try path()
        _ = AuthorsCache.people(Self.papers, path: path, useCached: true)
        let bytes = try #require(FileManager.default.contents(atPath: path))
        try bytes.dropLast(3).write(to: URL(fileURLWithPath: path))
        #expect(Self.read(path, Self.papers) == nil)
        #expect(AuthorsCache.places(then: [1, 2, 3], now: [3, 1, 2]) == [1, 2, 0])
        #expect(AuthorsCache.places(then: [1, 2], now: [3, 1, 2]) == [1, 2])
        #expect(AuthorsCache.places(then: [1, 2, 4], now: [3, 1, 2]) == nil)
        #expect(AuthorsCache.places(then: [1, 1, 2], now: [2, 1, 1]) == nil)
    }
}

import Foundation
import Testing
@testable import DigestCore

/// The related papers a build keeps in `.digest-cache/related.bin`: taken from there only when
/// every title and abstract, and their order, is as when they were made.
@Suite struct RelatedCacheTests {
    static let papers = SearchTests.sample.papers

    func folder() throws -> String {
        let folder = Fixtures.scratch("related")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func whatComesBackIsWhatWasMade() throws {
        let path = try folder() + "/related.bin"
        let made = RelatedCache.lists(Self.papers, path: path, useCached: true)
        #expect(made == RelatedPapers.compute(Self.papers))
        #expect(RelatedCache.read(path, key: RelatedCache.key(textKeys: KeptWords.textKeys(Self.papers)), papers: Self.papers.count) == made)
    }

    /// Lists planted under the sample's key are used, as a build takes them; an edit to any
    /// title or abstract, a new order, `useCached: false` or a file cut short make them again.
    @Test func keptListsAreUsedOnlyForTheSameTexts() throws {
        let path = try folder() + "/related.bin"
        let planted = Self.papers.indices.map { [($0 + 1) % Self.papers.count] }
        RelatedCache.write(planted, key: RelatedCache.key(textKeys: KeptWords.textKeys(Self.papers)), to: path)
        #expect(RelatedCache.lists(Self.papers, path: path, useCached: true) == planted)

        var tagged = Self.papers
        tagged[3].facts.tags.append("zz-new-tag")
        tagged[3].facts.venue = "Elsewhere"
        #expect(RelatedCache.lists(tagged, path: path, useCached: true) == planted)  // not what they are made from

        let made = RelatedPapers.compute(Self.papers)
        #expect(RelatedCache.lists(Self.papers, path: path, useCached: false) == made)
        RelatedCache.write(planted, key: RelatedCache.key(textKeys: KeptWords.textKeys(Self.papers)), to: path)

        var retitled = Self.papers
        retitled[7].facts.title += " Revisited"
        #expect(RelatedCache.lists(retitled, path: path, useCached: true) == RelatedPapers.compute(retitled))
        RelatedCache.write(planted, key: RelatedCache.key(textKeys: KeptWords.textKeys(Self.papers)), to: path)

        var reworded = Self.papers
        reworded[8].facts.abstract += " More."
        #expect(RelatedCache.lists(reworded, path: path, useCached: true) == RelatedPapers.compute(reworded))
        RelatedCache.write(planted, key: RelatedCache.key(textKeys: KeptWords.textKeys(Self.papers)), to: path)

        let reordered = [Self.papers[1], Self.papers[0]] + Self.papers.dropFirst(2)
        #expect(RelatedCache.lists(reordered, path: path, useCached: true) == RelatedPapers.compute(reordered))

        RelatedCache.write(planted, key: RelatedCache.key(textKeys: KeptWords.textKeys(Self.papers)), to: path)
        let bytes = try #require(FileManager.default.contents(atPath: path))
        try bytes.dropLast(3).write(to: URL(fileURLWithPath: path))
        #expect(RelatedCache.lists(Self.papers, path: path, useCached: true) == made)
    }

    /// A build after a tag edit takes the related papers from the cache and is still the clean
    /// build's bytes.
    @Test func aTagEditRebuildsFromTheCacheAsACleanBuildWould() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let cache = RelatedCache.path(SitePaths(root: site))
        let kept = try #require(FileStamp(path: cache))

        let papers = site + "/content/papers/"
        let record = papers + "hyperattention-long-context-attention-in-near-linear-time.md"
        let text = try String(contentsOfFile: record, encoding: .utf8)
        try text.replacingOccurrences(of: "tags: [", with: "tags: [zz-edited, ").write(toFile: record, atomically: true, encoding: .utf8)
        let edited = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(edited.incremental && edited.rewritten > 0)
        #expect(FileStamp(path: cache) == kept)  // read, not made and written again
        try IncrementalBuildTests().expectSameAsCleanBuild(site)
    }

    /// Each paper's terms kept beside the lists (`RelatedCache.Terms`): papers edited, one
    /// gone, one new, the order changed (`Fixtures.edited`) — the lists made with the kept
    /// terms are the lists made without them.
    @Test func keptTermsGiveTheListsCountingGives() throws {
        let path = try folder() + "/related-terms.bin"
        let made = RelatedPapers.compute(Self.papers)
        #expect(RelatedPapers.compute(Self.papers, termCache: (path, false)) == made)  // keeping them changes nothing
        let terms = try #require(RelatedCache.Terms.read(path))
        #expect(Self.papers.allSatisfy { terms.kept.papers[KeptWords.textKey(of: $0)] != nil })

        let (papers, new) = Fixtures.edited(Self.papers)
        for (n, paper) in papers.enumerated() {
            #expect((terms.kept.papers[KeptWords.textKey(of: paper)] == nil) == ([7, 8].contains(n) || paper.id == new), "\(paper.id)")  // tags and venue are not in its key
        }
        #expect(RelatedPapers.compute(papers, termCache: (path, true)) == RelatedPapers.compute(papers))
        #expect(RelatedPapers.compute(papers, termCache: (path, true)) == RelatedPapers.compute(papers))  // the terms that build kept
    }

    /// Terms planted under the sample's keys (each paper's are another paper's) are what the
    /// lists are made from when they are used, and ignored when they are not; a file cut short
    /// is not read.
    @Test func plantedTermsAreTakenFromTheCache() throws {
        let path = try folder() + "/related-terms.bin"
        let chunk = RelatedPapers.ChunkTerms(Self.papers.reversed()[...])
        var table = TermTable()
        let global = table.merge(chunk.table)
        CacheFile.write(path, version: RelatedCache.Terms.version) { (writer: inout CacheWriter) in
            try KeptWords.write(words: table.words, runs: [(Self.papers.map(KeptWords.textKey(of:)), chunk.papers, chunk.terms.count)],
                                terms: [chunk.terms.map { Int32(global[Int($0)]) }], to: &writer)
            try writer.raw(chunk.tfs.map(\.bitPattern))
        }
        let made = RelatedPapers.compute(Self.papers)
        #expect(RelatedPapers.compute(Self.papers, termCache: (path, true)) != made)
        #expect(RelatedPapers.compute(Self.papers, termCache: (path, false)) == made)

        let bytes = try #require(FileManager.default.contents(atPath: path))
        try bytes.dropLast(3).write(to: URL(fileURLWithPath: path))
        #expect(RelatedCache.Terms.read(path) == nil)
        #expect(RelatedPapers.compute(Self.papers, termCache: (path, true)) == made)
    }
}

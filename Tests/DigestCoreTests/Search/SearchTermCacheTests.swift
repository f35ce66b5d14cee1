import Foundation
import Testing
@testable import DigestCore

/// Each paper's search words as a build keeps them in `.digest-cache/search-terms.bin`: the
/// next build takes a paper's words from there only when its text is the same, and its index
/// is the one counting every paper anew gives.
@Suite struct SearchTermCacheTests {
    /// The sample site's model, with these papers.
    static func model(_ papers: [Paper]) -> SiteModel {
        var diagnostics: [Diagnostic] = []
        let loaded = SiteLoader.load(SitePaths(root: Fixtures.repoRoot), diagnostics: &diagnostics)!
        return SiteModel(config: loaded.config, papers: papers, listings: loaded.listings)
    }

    func path() throws -> String {
        let folder = Fixtures.scratch("search-terms")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/search-terms.bin"
    }

    func index(_ model: SiteModel, cache: (path: String, useCached: Bool)? = nil) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: SearchIndexBuilder.files(model.papers, termCache: cache).map { ($0.path, $0.bytes) })
    }

    /// A paper's key, as a build makes it.
    func key(_ paper: Paper) -> UInt64 { SearchTermCache.key(paper, text: KeptWords.textKey(of: paper)) }

    /// The files whose bytes differ, or are in one index only: what a failure shows, where
    /// two whole indexes would be megabytes of numbers.
    func differing(_ a: [String: [UInt8]], _ b: [String: [UInt8]]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    /// Papers edited (tags and venue, a title, an abstract), one gone, one new, the order
    /// changed (`Fixtures.edited`): the index made with the last build's words is the one
    /// made without them.
    @Test func keptWordsGiveTheIndexCountingGives() throws {
        let path = try path()
        let sample = SearchTests.sample
        #expect(differing(index(sample, cache: (path, false)), SearchTests.files) == [])  // keeping them changes nothing
        let terms = try #require(SearchTermCache.read(path))
        #expect(sample.papers.allSatisfy { terms.kept.papers[key($0)] != nil })

        let (papers, new) = Fixtures.edited(sample.papers)
        let edited = Self.model(papers)
        for (n, paper) in papers.enumerated() {
            let isNew = [3, 7, 8].contains(n) || paper.id == new
            #expect((terms.kept.papers[key(paper)] == nil) == isNew, "\(paper.id)")
        }
        #expect(differing(index(edited, cache: (path, true)), index(edited)) == [])
        // And the words that build kept are taken by the one after it.
        #expect(differing(index(edited, cache: (path, true)), index(edited)) == [])
    }

    /// The counts of papers per word a build takes from the kept words are those of the papers
    /// it takes: a paper not taken (edited or gone) leaves its words' counts, a paper taken
    /// twice (two papers of one text) adds its words again — as counting the entries gives.
    @Test func keptCountsMoveByThePapersTaken() throws {
        let path = try path()
        _ = index(SearchTests.sample, cache: (path, false))
        let kept = try #require(SearchTermCache.read(path)).kept
        let n = kept.paperCount
        #expect(n > 4)
        func counted(_ papers: [Int]) -> [Int32] {
            var df = [Int32](repeating: 0, count: kept.table.count)
            for k in papers { for e in kept.range(of: k) { df[Int(kept.terms[e])] += 1 } }
            return df
        }
        #expect(kept.df(taking: [0..<n]) == counted(Array(0..<n)))
        // Paper 0 gone, paper 2 taken twice, in runs as chunks take them.
        let runs = [1..<3, 2..<3, 3..<n]
        #expect(kept.df(taking: runs) == counted(runs.flatMap { Array($0) }))
        #expect(kept.df(taking: runs) != kept.df)
    }

    /// A run of papers all as the kept words have them reads their entries where the kept
    /// file is mapped (`ChunkEntries`), not from a copy; one paper counted anew among them
    /// makes the chunk's own copy, with the same entries for the others.
    @Test func aChunkOfKeptPapersReadsTheKeptFile() throws {
        let path = try path()
        _ = index(SearchTests.sample, cache: (path, false))
        let terms = try #require(SearchTermCache.read(path))
        // The papers in the kept file's order, where they are one run.
        let papers = SearchTests.sample.papers.sorted { terms.kept.papers[key($0)]! < terms.kept.papers[key($1)]! }
        let fileStart = terms.kept.terms.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
        func start(_ chunk: SearchIndexBuilder.Chunk) -> UnsafeRawPointer { chunk.terms.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) } }

        let taken = SearchIndexBuilder.terms(of: papers[...], cached: terms, textKeys: KeptWords.textKeys(papers))
        #expect(taken.origins.counted.isEmpty && taken.terms.count == terms.kept.terms.count)
        #expect(start(taken) == fileStart)

        var retitled = papers
        retitled[1].facts.title += " Revisited"
        let mixed = SearchIndexBuilder.terms(of: retitled[...], cached: terms, textKeys: KeptWords.textKeys(retitled))
        #expect(mixed.origins.counted == [1] && start(mixed) != fileStart)
        for p in [0, 2, papers.count - 1] {
            #expect(Array(mixed.terms[mixed.papers.range(of: p)]) == Array(taken.terms[taken.papers.range(of: p)]))
            #expect(Array(mixed.counts[mixed.papers.range(of: p)]) == Array(taken.counts[taken.papers.range(of: p)]))
        }
    }

    /// Words planted under the sample's keys (each paper's are another paper's) are what the
    /// index is made from when the cache is used, and ignored when it is not.
    @Test func plantedWordsAreTakenFromTheCache() throws {
        let path = try path()
        let papers = SearchTests.sample.papers
        let reversed = Array(papers.reversed())
        var chunks = [SearchIndexBuilder.terms(of: reversed[...], textKeys: KeptWords.textKeys(reversed))]
        chunks[0].keys = papers.map(key)
        let merged = SearchIndexBuilder.merge(&chunks)
        SearchTermCache.write(chunks, words: merged.table.words, df: merged.df, to: path)
        #expect(differing(index(SearchTests.sample, cache: (path, true)), SearchTests.files) != [])
        #expect(differing(index(SearchTests.sample, cache: (path, false)), SearchTests.files) == [])
    }

    /// Words of papers gone stay in the kept words, in no file of the index, until they are a
    /// tenth of them; then they are left out, and the kept words are the ones counting the
    /// papers left gives.
    @Test func wordsNoPaperHasAreLeftOutOnceATenth() throws {
        let path = try path()
        let fresh = path + ".fresh"
        let papers = SearchTests.sample.papers
        _ = index(SearchTests.sample, cache: (path, false))
        let all = try #require(SearchTermCache.read(path)).kept.table.count

        let oneGone = Self.model(Array(papers.dropFirst()))
        #expect(differing(index(oneGone, cache: (path, true)), index(oneGone)) == [])
        _ = index(oneGone, cache: (fresh, false))
        let oneGoneWords = try #require(SearchTermCache.read(fresh)).kept.table.count
        #expect(oneGoneWords < all)
        #expect(try #require(SearchTermCache.read(path)).kept.table.count == all)  // a few: kept

        let halfGone = Self.model(Array(papers.prefix(papers.count / 2)))
        #expect(differing(index(halfGone, cache: (path, true)), index(halfGone)) == [])
        _ = index(halfGone, cache: (fresh, false))
        let halfWords = try #require(SearchTermCache.read(fresh)).kept.table.count
        #expect((all - halfWords) * 10 > all)
        #expect(try #require(SearchTermCache.read(path)).kept.table.count == halfWords)
        // And the words left are read as the next build's.
        #expect(differing(index(halfGone, cache: (path, true)), index(halfGone)) == [])
    }

    /// A file cut short, or with a word id beyond its words, is not read: the words are
    /// counted again.
    @Test func aDamagedCacheIsNotRead() throws {
        let path = try path()
        _ = index(SearchTests.sample, cache: (path, false))
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(SearchTermCache.read(path) != nil)

        try bytes.dropLast(3).write(to: URL(fileURLWithPath: path))
        #expect(SearchTermCache.read(path) == nil)
        #expect(differing(index(SearchTests.sample, cache: (path, true)), SearchTests.files) == [])

        // The first entry's word id: after the words (their bytes, starts and hashes), each
        // paper's key and where its entries end, and the entries' count (`KeptWords.write`).
        try bytes.write(to: URL(fileURLWithPath: path))
        var wire = try #require(CacheFile.read(path, version: SearchTermCache.version))
        #expect(RawWire.read(UInt8.self, from: &wire) != nil && RawWire.read(Int32.self, from: &wire) != nil)
        #expect(RawWire.read(UInt32.self, from: &wire) != nil && RawWire.read(UInt64.self, from: &wire) != nil)
        #expect(RawWire.read(Int32.self, from: &wire) != nil && UInt64.read(from: &wire) != nil)
        let termsAt = wire.at + RawWire.padding(at: wire.at)
        #expect(termsAt % RawWire.alignment == 0)
        var damaged = [UInt8](bytes)
        for k in 0..<4 { damaged[termsAt + k] = 0xFF }
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        #expect(SearchTermCache.read(path) == nil)
        #expect(differing(index(SearchTests.sample, cache: (path, true)), SearchTests.files) == [])
    }
}

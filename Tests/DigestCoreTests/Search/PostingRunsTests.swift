import Testing
@testable import DigestCore

/// A full build places the index's postings a run of words at a time (`SearchIndexBuilder.postingRuns`),
/// so that they are never all in memory at once: the index is the one placing them all at once makes.
@Suite struct PostingRunsTests {
    @Test func theIndexIsTheSameInAnyNumberOfRuns() {
        let papers = SearchTests.sample.papers
        let once = SearchIndexBuilder.index(papers, postingRuns: 1).files
        #expect(once.contains { $0.path.hasPrefix("search/t/") })
        for runs in [2, 4, 7, 10_000] {
            let files = SearchIndexBuilder.index(papers, postingRuns: runs).files
            #expect(files.map(\.path) == once.map(\.path), "\(runs) runs")
            let differing = zip(files, once).filter { $0.bytes != $1.bytes }.map(\.0.path)
            #expect(differing.isEmpty, "\(runs) runs: \(differing.count) files differ, first \(differing.prefix(3))")
        }
    }

    /// Runs follow each other from the first word to the last, each ending at the first word
    /// whose postings begin at or past its share of all of them.
    @Test func runsCoverEveryWordOnceInAboutEqualShares() {
        let starts = [0, 5, 5, 9, 40, 41, 42, 60, 61, 100]  // 9 words, 100 postings
        #expect(SearchIndexBuilder.wordRuns(starts, count: 4) == [0..<4, 4..<7, 7..<9])
        #expect(SearchIndexBuilder.wordRuns(starts, count: 1) == [0..<9])
        // One word with most postings: the runs after it are not empty ones.
        #expect(SearchIndexBuilder.wordRuns([0, 1, 99, 100], count: 4) == [0..<2, 2..<3])
        #expect(SearchIndexBuilder.wordRuns([0], count: 4) == [0..<0])
    }
}

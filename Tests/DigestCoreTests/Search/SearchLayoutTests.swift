import Testing
@testable import DigestCore

/// The index's numbered files, listed in their paths' order without a sort.
@Suite struct SearchLayoutTests {
    /// `numbersInPathOrder` gives each number once, in the order their paths sort in, for
    /// counts at and around powers of ten and for the counts a 100k site has.
    @Test(arguments: [0, 1, 2, 9, 10, 11, 99, 100, 101, 1_000, 1_234, 22_000, 50_000])
    func numberedFilesComeInTheirPathsOrder(count: Int) {
        let order = SearchLayout.numbersInPathOrder(count)
        #expect(order.count == count)
        #expect(order.map(SearchLayout.termFile) == (0..<count).map(SearchLayout.termFile).sorted())
    }

    /// The files a rebuild takes as the site has them, merged with those it makes, come sorted
    /// by path, as every list of the index's files is.
    @Test func takenFilesMergeIntoTheMadeOnesInPathOrder() {
        let made = ["search/d/10.json", "search/manifest.json", "search/p/abc.json", "search/t/3.json"].map { (path: $0, bytes: [UInt8]?([1])) }
        let taken = SearchLayout.numbersInPathOrder(12).filter { $0 != 3 }.map { (path: SearchLayout.termFile($0), bytes: [UInt8]?.none) }
        let all = SearchIndexBuilder.merged(made, taken)
        #expect(all.map(\.path) == (made.map(\.path) + taken.map(\.path)).sorted())
        #expect(all.filter { $0.bytes != nil }.map(\.path) == made.map(\.path))
    }
}

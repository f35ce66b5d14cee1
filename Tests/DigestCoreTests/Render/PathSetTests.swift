import Testing
@testable import DigestCore

@Suite struct PathSetTests {
    /// Its answers are the set's, for members and for the many paths whose bit a member shares
    /// (at 20k paths and 2.9k members, hundreds of them).
    @Test func aPathSetHoldsWhatItsSetHolds() {
        let paths = (0..<20_000).map { $0 % 3 == 0 ? "papers/paper-\($0)/index.html" : "authors/author-\($0)/index.html" }
        let members = Set(paths.enumerated().filter { $0.offset % 7 == 0 }.map(\.element))
        let set = PathSet(members)
        #expect(paths.allSatisfy { set.contains($0) == members.contains($0) })
        #expect(members.count == 2_858 && set.paths == members)
        #expect(!PathSet().contains("index.html") && PathSet().isEmpty)
        #expect(PathSet(["index.html"]).contains("index.html") && !PathSet(["index.html"]).contains("index.htm"))
    }
}

import Testing
@testable import DigestCore

@Suite struct KeyTableTests {
    /// A table holds exactly the keys it was made from: 0 (the empty slot's mark), keys whose
    /// low bits are the same (each in the next free slot), a key given twice (at its first
    /// place), and the sample site's paper keys, and none of the others.
    @Test func aTableHoldsItsKeysAndNoOthers() {
        let keys: [UInt64] = [0, 1, 17, 33, 1 << 40 | 1, 7, 7, .max]
        let table = KeyTable(keys)
        for key in keys { #expect(table.contains(key), "\(key)") }
        for key: UInt64 in [2, 16, 18, 49, 1 << 40, .max - 1] { #expect(!table.contains(key), "\(key)") }
        #expect(!KeyTable([1, 2]).contains(0))
        // Each key's first place: 7 is at 5 and 6, and 0 is at 0.
        let places = keys.map { table.place(of: $0) }
        #expect(places == [0, 1, 2, 3, 4, 5, 5, 7])
        #expect(table.place(of: 2) == nil && KeyTable([3, 0, 0]).place(of: 0) == 1)

        let paperKeys = RelatedPapers.paperKeys(SearchTests.sample.papers)
        let half = KeyTable(paperKeys.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        for (n, key) in paperKeys.enumerated() { #expect(half.contains(key) == (n % 2 == 0)) }
    }
}

import Testing
@testable import DigestCore

/// `Selection.best` is the sorted prefix, whatever the items' order and however many are asked for.
@Suite struct SelectionTests {
    /// A seeded generator: the same items in every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    @Test func theBestAreTheSortedPrefix() {
        var random = Seeded(state: 7)
        for size in [0, 1, 2, 3, 10, 257, 300, 2000, 5000] {
            // Items that tie in weight, broken by their place, as the postings are; in random
            // order, in runs, sorted either way.
            let weights = (0..<size).map { _ in Float(Int.random(in: 0..<max(1, size / 4), using: &random)) }
            let better = { (a: Int, b: Int) in weights[a] != weights[b] ? weights[a] > weights[b] : a < b }
            let orders = [Array(0..<size), Array((0..<size).reversed()), (0..<size).shuffled(using: &random),
                          (0..<size).sorted(by: better), (0..<size).sorted(by: better).reversed()]
            for items in orders {
                for count in [0, 1, 2, size / 2, size - 1, size, size + 1, 256] where count >= 0 {
                    #expect(Selection.best(count, of: items, by: better) == Array(items.sorted(by: better).prefix(count)),
                            "\(count) of \(size)")
                }
            }
        }
    }
}

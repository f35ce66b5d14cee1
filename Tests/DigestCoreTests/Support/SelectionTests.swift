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

    /// Numbers (the postings of the search index and of related papers, packed) are chosen
    /// smallest first, as the sorted prefix.
    @Test func theSmallestNumbersAreTheSortedPrefix() {
        var random = Seeded(state: 5)
        for size in [0, 1, 2, 257, 2000] {
            let numbers = (0..<size).map { _ in random.next() % UInt64(max(1, size / 3)) << 32 | random.next() >> 40 }
            for count in [0, 1, size / 2, size, size + 1, 256] {
                #expect(Selection.smallest(count, of: numbers) == Array(numbers.sorted().prefix(count)), "\(count) of \(size)")
            }
        }
    }

    /// The same in place (a paper's strongest terms): the sorted prefix first, and every number
    /// still there after it.
    @Test func theSmallestPutFirstAreTheSortedPrefix() {
        var random = Seeded(state: 6)
        for size in [0, 1, 2, 24, 25, 110, 2000] {
            let numbers = (0..<size).map { _ in random.next() % UInt64(max(1, size / 3)) << 32 | random.next() >> 40 }
            for count in [0, 1, 24, size / 2, size, size + 1] {
                var chosen = numbers
                chosen.withUnsafeMutableBufferPointer { Selection.smallestFirst(count, in: $0) }
                #expect(Array(chosen.prefix(count)) == Array(numbers.sorted().prefix(count)), "\(count) of \(size)")
                #expect(chosen.sorted() == numbers.sorted(), "\(count) of \(size)")
            }
        }
    }

    /// The related papers' choice of a common term's strongest postings by one number each
    /// (`RelatedPapers.strength`) is the choice by weight, then place: weights of TF-IDF
    /// vectors, many tied, some tiny, some exactly 1.
    @Test func aPostingsStrengthOrdersAsItsWeightThenItsPlace() {
        var random = Seeded(state: 11)
        let levels: [Float] = [1, 0.5, 0.25, 1e-30, Float.leastNonzeroMagnitude, 0.1, 0.3333333]
        let weights = (0..<3000).map { _ in Bool.random(using: &random) ? levels.randomElement(using: &random)! : Float.random(in: 0...1, using: &random) }
        let better = { (a: Int, b: Int) in weights[a] != weights[b] ? weights[a] > weights[b] : a < b }
        let strengths = weights.indices.map { RelatedPapers.strength(weight: weights[$0], place: $0) }
        for count in [1, 256, 2999] {
            let chosen = Selection.smallest(count, of: strengths).map { Int(UInt32(truncatingIfNeeded: $0)) }
            #expect(chosen == Selection.best(count, of: Array(weights.indices), by: better), "\(count) of 3000")
        }
    }
}

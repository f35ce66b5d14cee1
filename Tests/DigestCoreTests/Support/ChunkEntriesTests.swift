import Testing
@testable import DigestCore

/// A chunk's entries taken from the kept words (`ChunkEntries`): one run into an empty chunk is
/// read where the kept file is, not copied; anything added or changed after it makes the
/// chunk's own copy, and the kept numbers stay as they were.
@Suite struct ChunkEntriesTests {
    static let numbers: [UInt32] = (0..<64).map { UInt32($0) &* 2_654_435_761 }
    static let owner = WireBytes(copying: numbers.withUnsafeBytes { Array($0) })
    static var kept: WireArray<UInt32> { WireArray(owner, owner.buffer) }

    static func start(_ entries: ChunkEntries<UInt32>) -> UnsafeRawPointer {
        entries.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
    }

    @Test func oneKeptRunIsReadWhereItIs() {
        var entries = ChunkEntries<UInt32>()
        entries.reserveCapacity(100)
        entries.append(kept: Self.kept, 8..<40)
        #expect(Array(entries) == Array(Self.numbers[8..<40]))
        #expect(Self.start(entries) == Self.owner.buffer.baseAddress! + 8 * 4)  // not a copy
        entries.trim()
        #expect(Self.start(entries) == Self.owner.buffer.baseAddress! + 8 * 4)
    }

    @Test func whatComesAfterAKeptRunIsAddedToACopy() {
        var entries = ChunkEntries<UInt32>()
        entries.append(kept: Self.kept, 0..<10)
        entries.append(7)
        entries.append(kept: Self.kept, 20..<30)
        entries += [1, 2]
        #expect(Array(entries) == Array(Self.numbers[0..<10]) + [7] + Array(Self.numbers[20..<30]) + [1, 2])
        #expect(Self.start(entries) != Self.owner.buffer.baseAddress!)
    }

    @Test func aKeptEntryChangedLeavesTheKeptNumbers() {
        var entries = ChunkEntries<UInt32>()
        entries.append(kept: Self.kept, 0..<64)
        let copy = entries  // a chunk copied before the change still reads the kept numbers
        entries[3] += 1
        entries.withUnsafeMutableBufferPointer { $0[5] = 0 }
        #expect(entries[3] == Self.numbers[3] &+ 1 && entries[5] == 0 && entries[6] == Self.numbers[6])
        #expect(Array(Self.kept) == Self.numbers && Array(copy) == Self.numbers)
    }

    @Test func keptNumbersAreReadAsEntriesOfTheirSize() {
        let weights: [Float] = [0.5, 1, 2.25, 1e-3]
        let owner = WireBytes(copying: weights.map(\.bitPattern).withUnsafeBytes { Array($0) })
        var entries = ChunkEntries<Float>()
        entries.append(kept: WireArray<UInt32>(owner, owner.buffer), 1..<4)
        #expect(Array(entries) == Array(weights[1...]))
    }
}

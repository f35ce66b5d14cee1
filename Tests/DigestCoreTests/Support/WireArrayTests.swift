import Foundation
import Testing
@testable import DigestCore

/// Arrays a cache writes (`CacheWriter.raw`) are aligned from the file's start, whatever
/// came before them, and read where the file is mapped (`RawWire.view`); arrays that are not
/// aligned are copied, with the same numbers.
@Suite struct WireArrayTests {
    @Test func cacheArraysAreReadWhereTheFileIsMapped() throws {
        let folder = Fixtures.scratch("wire")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/arrays.bin"
        let (small, large): ([UInt32], [UInt64]) = ((0..<1000).map { UInt32($0) &* 2_654_435_761 }, (0..<333).map { UInt64($0) << 40 | 7 })
        for before in 0..<9 {
            CacheFile.write(path, version: "wire-test") { (writer: inout CacheWriter) in
                writer.bytes += repeatElement(0xAB, count: before)
                try writer.raw(small)
                writer.bytes.append(1)
                try writer.raw(large)
            }
            var wire = try #require(CacheFile.read(path, version: "wire-test"))
            #expect(wire.take(before) != nil)
            let smallView = try #require(RawWire.view(UInt32.self, from: &wire))
            #expect(wire.take(1) != nil)
            let largeView = try #require(RawWire.view(UInt64.self, from: &wire))
            #expect(wire.at == wire.count)
            #expect(Array(smallView) == small && Array(largeView) == large)
            let mapping = wire.bytes.buffer
            for start in [smallView.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }, largeView.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }] {
                #expect(start >= mapping.baseAddress! && start < mapping.baseAddress! + mapping.count)  // not a copy
            }
        }
    }

    @Test func numbersThatAreNotAlignedAreCopied() {
        var bytes: [UInt8] = [9]
        for n in [UInt32(1), 70_000, .max] { n.littleEndian.bytes.forEach { bytes.append($0) } }
        let owner = WireBytes(copying: bytes)
        let numbers = WireArray<UInt32>(owner, UnsafeRawBufferPointer(rebasing: owner.buffer[1...]))
        #expect(Array(numbers) == [1, 70_000, .max])
        let start = numbers.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
        #expect(!(start >= owner.buffer.baseAddress! && start < owner.buffer.baseAddress! + owner.buffer.count))
    }

    /// A cache's ids are all indexes of what they point into, or the cache is not read: one
    /// past the end, or below 0, is no id.
    @Test func idsAreCheckedAgainstBothEnds() {
        #expect(RawWire.ids([0, 3, 1], below: 4))
        #expect(!RawWire.ids([0, 4, 1], below: 4))
        #expect(!RawWire.ids([2, -1], below: 4))
        #expect(!RawWire.ids([Int32.min], below: Int(Int32.max)))
        #expect(RawWire.ids([], below: 0))
        #expect(!RawWire.ids([0], below: 0))
    }
}

extension UInt32 {
    fileprivate var bytes: [UInt8] { withUnsafeBytes(of: self) { Array($0) } }
}

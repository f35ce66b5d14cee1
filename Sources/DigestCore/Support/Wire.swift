/// A value as bytes: how results cross from a worker process to its parent, and how the
/// caches in `.digest-cache/` are kept (little-endian, lengths before contents).
protocol WireValue {
    func write(to wire: inout [UInt8])
    static func read(from wire: inout WireReader) -> Self?
}

struct WireReader {
    let bytes: WireBytes
    /// The count of bytes, and where the next value starts.
    let count: Int
    var at = 0

    /// A worker's reply (copied).
    init(bytes: [UInt8], at: Int = 0) {
        self.init(WireBytes(copying: bytes), at: at)
    }

    init(_ bytes: WireBytes, at: Int = 0) {
        (self.bytes, count, self.at) = (bytes, bytes.buffer.count, at)
    }

    /// The next `n` bytes, for as long as this reader is there.
    mutating func take(_ n: Int) -> UnsafeRawBufferPointer? {
        guard n >= 0, n <= count - at else { return nil }
        defer { at += n }
        return UnsafeRawBufferPointer(rebasing: bytes.buffer[at..<(at + n)])
    }
}

/// Fixed-width numbers read where a `WireReader`'s bytes are (a cache file's mapping), kept
/// alive with them: copied only on a big-endian machine, or where they are not aligned.
struct WireArray<T: FixedWidthInteger>: RandomAccessCollection, @unchecked Sendable {
    private let owner: AnyObject
    private let base: UnsafePointer<T>
    let count: Int

    init(_ owner: WireBytes, _ raw: UnsafeRawBufferPointer) {
        count = raw.count / MemoryLayout<T>.size
        #if _endian(little)
        if let start = raw.baseAddress, Int(bitPattern: start) % MemoryLayout<T>.alignment == 0 {
            (self.owner, base) = (owner, start.assumingMemoryBound(to: T.self))
            return
        }
        #endif
        let copy = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(count, 1))
        for i in 0..<count { copy[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)) }
        (self.owner, base) = (Storage(copy), UnsafePointer(copy.baseAddress!))
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(i: Int) -> T {
        precondition(i >= 0 && i < count, "index in range")
        return base[i]
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }

    /// Numbers `range`, as `U`s of the same size, with what keeps them where they are (`ChunkEntries`).
    func viewed<U: BitwiseCopyable>(_ range: Range<Int>, as: U.Type) -> (base: UnsafePointer<U>, count: Int, owner: AnyObject) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count && MemoryLayout<U>.stride == MemoryLayout<T>.stride, "numbers in range")
        return (UnsafeRawPointer(base + range.lowerBound).assumingMemoryBound(to: U.self), range.count, owner)
    }

    /// A copy of the numbers, owned by this array.
    private final class Storage {
        let buffer: UnsafeMutableBufferPointer<T>
        init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
        deinit { buffer.deallocate() }
    }
}

/// The bytes a `WireReader` reads: its own copy, or a cache file mapped into memory
/// (`FileBytes.mapped`), read where the system keeps it. (Read into arrays, the 440 MB of
/// caches a rebuild of a 100k-paper site reads went into fresh pages, zeroed first, to be
/// copied out of them again as each cache was decoded.)
final class WireBytes: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
    private let mapped: Bool

    init(copying bytes: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 8)
        copy.copyBytes(from: bytes)
        (buffer, mapped) = (UnsafeRawBufferPointer(copy), false)
    }

    /// A mapping `FileBytes.mapped` made, unmapped with this.
    init(mapping: UnsafeRawBufferPointer) {
        (buffer, mapped) = (mapping, true)
    }

    deinit {
        if mapped { FileBytes.unmap(buffer) } else { buffer.deallocate() }
    }
}

extension UInt64: WireValue {
    func write(to wire: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { wire.append(UInt8(truncatingIfNeeded: self >> shift)) }
    }
    static func read(from wire: inout WireReader) -> UInt64? {
        wire.take(8).map { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }
}

extension Bool: WireValue {
    func write(to wire: inout [UInt8]) { wire.append(self ? 1 : 0) }
    static func read(from wire: inout WireReader) -> Bool? { wire.take(1).map { $0.first == 1 } }
}

extension String: WireValue {
    func write(to wire: inout [UInt8]) {
        UInt64(utf8.count).write(to: &wire)
        wire += utf8
    }
    static func read(from wire: inout WireReader) -> String? {
        guard let count = UInt64.read(from: &wire), let bytes = wire.take(Int(clamping: count)) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Optional: WireValue where Wrapped: WireValue {
    func write(to wire: inout [UInt8]) {
        guard let value = self else { return wire.append(0) }
        wire.append(1)
        value.write(to: &wire)
    }
    static func read(from wire: inout WireReader) -> Wrapped?? {
        switch wire.take(1)?.first {
        case 0: return .some(nil)
        case 1: return Wrapped.read(from: &wire).map { .some($0) }
        default: return nil
        }
    }
}

extension Int: WireValue {
    func write(to wire: inout [UInt8]) { UInt64(bitPattern: Int64(self)).write(to: &wire) }
    static func read(from wire: inout WireReader) -> Int? { UInt64.read(from: &wire).map { Int(Int64(bitPattern: $0)) } }
}

extension Array: WireValue where Element: WireValue {
    func write(to wire: inout [UInt8]) {
        UInt64(count).write(to: &wire)
        for element in self { element.write(to: &wire) }
    }
    static func read(from wire: inout WireReader) -> [Element]? {
        // Every element takes a byte at least: a count beyond the bytes left is damage.
        guard let count = UInt64.read(from: &wire), count <= UInt64(wire.count - wire.at) else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let element = Element.read(from: &wire) else { return nil }
            elements.append(element)
        }
        return elements
    }
}

/// Arrays of millions of integers (each paper's words, `KeptWords`) as `CacheWriter.raw`
/// writes them: their count, then the elements little-endian, read in one pass.
enum RawWire {
    /// Whether `ends` — where each of a run of ranges ends, the first starting at 0 — rise to
    /// `count`, the length of what they cut: a cache's ranges checked once as it is read.
    static func ends<T: BinaryInteger>(_ ends: some Collection<T>, reach count: Int) -> Bool {
        var last: T = 0
        for end in ends {
            guard end >= last else { return false }
            last = end
        }
        return Int(last) == count
    }

    /// Whether each of `ids` is an index of something `count` long (0 up to `count`): a cache's
    /// ids checked once as it is read. (The largest taken as unsigned, which a negative id is
    /// too, in a loop the compiler makes vector instructions of: 13M word ids at 100k papers,
    /// each tested against both bounds, were 2% of an edit's rebuild.)
    static func ids(_ ids: UnsafeBufferPointer<Int32>, below count: Int) -> Bool {
        var largest: UInt32 = 0
        for id in ids { largest = max(largest, UInt32(bitPattern: id)) }
        return ids.isEmpty || Int(largest) < count
    }

    static func ids(_ ids: [Int32], below count: Int) -> Bool {
        ids.withUnsafeBufferPointer { Self.ids($0, below: count) }
    }

    /// Range `i` of a run of ranges cut by `ends` (the first starting at 0): where an item's
    /// entries lie in flat arrays filled item after item.
    @inline(__always)
    static func range<T: BinaryInteger>(_ i: Int, in ends: [T]) -> Range<Int> {
        (i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])
    }

    /// The ends of ranges of `counts` entries each, one after another, as a cache keeps them.
    static func ends(counts: some Sequence<Int>) -> [UInt32] {
        var end = 0
        return counts.map { end += $0; return UInt32(end) }
    }

    /// What the elements of an array `CacheWriter.raw` wrote are aligned to, from the file's start.
    static let alignment = 8

    /// The zeros before an array's elements at `offset` from the file's start.
    static func padding(at offset: Int) -> Int { (alignment - offset % alignment) % alignment }

    /// An array `CacheWriter.raw` wrote, copied out.
    static func read<T: FixedWidthInteger>(_ type: T.Type, from wire: inout WireReader) -> [T]? {
        view(T.self, from: &wire).map { $0.withUnsafeBufferPointer(Array.init) }
    }

    /// The same, read where the wire has it (`WireArray`): a cache's arrays of millions of
    /// numbers, copied out, were 9% of the CPU of a 100k title edit's rebuild (perf), into
    /// fresh pages that were then copied out of again.
    static func view<T: FixedWidthInteger>(_ type: T.Type, from wire: inout WireReader) -> WireArray<T>? {
        let owner = wire.bytes
        return elements(T.self, from: &wire).map { WireArray(owner, $0) }
    }

    /// An array's count, its padding skipped, and its elements' bytes.
    private static func elements<T: FixedWidthInteger>(_ type: T.Type, from wire: inout WireReader) -> UnsafeRawBufferPointer? {
        let size = MemoryLayout<T>.size
        guard let count = UInt64.read(from: &wire), wire.take(padding(at: wire.at)) != nil,
              count <= UInt64(wire.count - wire.at) / UInt64(size) else { return nil }
        return wire.take(Int(count) * size)
    }
}

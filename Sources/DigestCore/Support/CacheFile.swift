import Foundation

/// A cache in `.digest-cache/`: a version line, then `WireValue` bytes. A file of another
/// version, or none, reads as nothing; it is written whole or not at all (`AtomicFile`).
enum CacheFile {
    /// The version line every cache file starts with.
    static func header(_ version: String) -> [UInt8] { Array(version.utf8) + [0x0A] }

    /// A version that names the running `digest` too (`Program.key`), for a cache of
    /// what another digest may count, parse or make otherwise: only the same one reads it.
    static func ofThisDigest(_ version: String) -> String { version + " " + String(Program.key, radix: 16) }

    /// How many of a site's `papers` a large cache may leave to a small file beside it (the
    /// paper cache's `recent.bin`, `search-terms-index.bin`) before it is written again
    /// whole: one in 64, and never fewer than 256. A 150-paper listing at 100k papers writes
    /// the large file about one time in ten.
    static func recentLimit(papers: Int) -> Int { max(256, papers / 64) }

    static func read(_ path: String, version: String) -> WireReader? {
        guard let bytes = FileBytes.mapped(path) else { return nil }
        let start = header(version)
        guard bytes.buffer.starts(with: start) else { return nil }
        return WireReader(bytes, at: start.count)
    }

    static func write(_ path: String, version: String, _ body: (inout [UInt8]) -> Void) {
        var wire = header(version)
        body(&wire)
        try? FileManager.default.createDirectory(atPath: FilePath.parent(of: path), withIntermediateDirectories: true)
        try? AtomicFile.write(wire, to: path)
    }

    /// The same for a cache of large arrays, written as it is made (`CacheWriter`).
    static func write(_ path: String, version: String, streaming body: (inout CacheWriter) throws -> Void) {
        try? FileManager.default.createDirectory(atPath: FilePath.parent(of: path), withIntermediateDirectories: true)
        try? AtomicFile.write(to: path) { put in
            try withoutActuallyEscaping(put) { put in
                var writer = CacheWriter(bytes: header(version), put: put)
                try body(&writer)
                try writer.flush()
            }
        }
    }

    /// A cache of entries by key: their count, then each as `put` writes it.
    static func write<Entry>(_ path: String, version: String, entries: [Entry], _ put: (Entry, inout [UInt8]) -> Void) {
        write(path, version: version) { wire in
            UInt64(entries.count).write(to: &wire)
            for entry in entries { put(entry, &wire) }
        }
    }

    /// The entries `write(_:version:entries:_:)` wrote, each as `take` reads it, by key; empty
    /// when there is no file, it is of another version, or an entry cannot be read.
    static func entries<Value>(_ path: String, version: String,
                               _ take: (inout WireReader) -> (key: String, value: Value)?) -> [String: Value] {
        var entries: [String: Value] = [:]
        let whole = forEach(path, version: version, take, reserving: { entries.reserveCapacity($0) }) { entries[$0.key] = $0.value }
        return whole ? entries : [:]
    }

    /// `entries` in the order they were written.
    static func list<Value>(_ path: String, version: String,
                            _ take: (inout WireReader) -> (key: String, value: Value)?) -> [(key: String, value: Value)] {
        var entries: [(key: String, value: Value)] = []
        let whole = forEach(path, version: version, take, reserving: { entries.reserveCapacity($0) }) { entries.append($0) }
        return whole ? entries : []
    }

    /// Each entry read, in order; false when there is no file, it is of another version, or an
    /// entry cannot be read.
    private static func forEach<Value>(_ path: String, version: String, _ take: (inout WireReader) -> (key: String, value: Value)?,
                                       reserving: (Int) -> Void, _ body: ((key: String, value: Value)) -> Void) -> Bool {
        guard var wire = read(path, version: version), let count = UInt64.read(from: &wire) else { return false }
        reserving(Int(clamping: min(count, 1 << 24)))
        for _ in 0..<count {
            guard let entry = take(&wire) else { return false }
            body(entry)
        }
        return true
    }
}

extension FileStamp: WireValue {
    func write(to wire: inout [UInt8]) {
        inode.write(to: &wire)
        size.write(to: &wire)
        modified.write(to: &wire)
        changed.write(to: &wire)
    }

    static func read(from wire: inout WireReader) -> FileStamp? {
        guard let inode = UInt64.read(from: &wire), let size = UInt64.read(from: &wire),
              let modified = UInt64.read(from: &wire), let changed = UInt64.read(from: &wire) else { return nil }
        return FileStamp(inode: inode, size: size, modified: modified, changed: changed)
    }
}

/// A cache file as it is written: values gather in `bytes` as `WireValue`s write them, and an
/// array of millions of numbers goes to the file from its own memory (`raw`), where a buffer of
/// the whole file was a second copy of 100+ MB at 100k papers, at the build's busiest moment.
struct CacheWriter {
    var bytes: [UInt8]
    let put: (UnsafeRawBufferPointer) throws -> Void
    /// The bytes put in the file so far.
    private var written = 0

    init(bytes: [UInt8], put: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        (self.bytes, self.put) = (bytes, put)
    }

    /// What `RawWire.read` reads: the count of all the arrays' elements, zeros up to the next
    /// multiple of 8 bytes from the file's start (`RawWire.alignment`: the elements can then be
    /// read where the file is mapped, `RawWire.view`), then each array's elements. Each array
    /// goes to the file with a call of its own: for a few large ones (a run's), not one per
    /// paper or person, which flattened first is one write.
    mutating func raw<T: FixedWidthInteger>(_ parts: some Sequence<[T]>, count: Int) throws {
        UInt64(count).write(to: &bytes)
        bytes += repeatElement(0, count: RawWire.padding(at: written + bytes.count))
        for array in parts {
            #if _endian(little)
            try flush()
            try array.withUnsafeBytes { try put($0) }
            written += array.count * MemoryLayout<T>.size
            #else
            for element in array { withUnsafeBytes(of: element.littleEndian) { bytes.append(contentsOf: $0) } }
            #endif
        }
    }

    mutating func raw<T: FixedWidthInteger>(_ array: [T]) throws {
        try raw([array], count: array.count)
    }

    /// A table's words: their bytes, where each starts, their hashes (`TermTable.Words.read`).
    mutating func raw(_ words: TermTable.Words) throws {
        try raw(words.arena)
        try raw(words.starts)
        try raw(words.hashes)
    }

    mutating func flush() throws {
        try bytes.withUnsafeBytes { try put($0) }
        written += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }
}

/// A 64-bit hash of bytes taken eight at a time: each word goes into the state through a
/// 64 × 64 → 128-bit multiply whose halves are folded together, as wyhash mixes. FNV-1a
/// (`StableHash`) takes a byte per multiply, and a rebuild of a 100k-paper site hashes over
/// half a GB: its search index's files, and every paper's title and abstract twice.
/// The same bytes, added in the same pieces, give the same value in every run and on every
/// machine (words are read little-endian). Each piece ends with its length, so pieces that
/// join into the same bytes differ.
struct WordHash {
    private(set) var value: UInt64 = 0x243F_6A88_85A3_08D3  // the fraction of π

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var at = 0
        while at + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
            at += 8
        }
        // The last 0–7 bytes, with the piece's length (mod 256) in the word's top byte.
        var last = UInt64(truncatingIfNeeded: bytes.count) << 56
        var shift: UInt64 = 0
        while at < bytes.count {
            last |= UInt64(bytes[at]) << shift
            shift += 8
            at += 1
        }
        mix(last)
    }

    /// One byte as a piece of its own, without a buffer.
    mutating func add(_ byte: UInt8) {
        mix(1 << 56 | UInt64(byte))
    }

    @inline(__always) private mutating func mix(_ word: UInt64) {
        let product = (value ^ word).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        value = product.high ^ product.low
    }
}

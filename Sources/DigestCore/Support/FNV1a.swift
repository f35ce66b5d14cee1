/// FNV-1a, 32 bits: the hash of the search index's buckets (which `search.js` computes too, so it
/// is fixed) and of the word tables' slots.
enum FNV1a {
    @inline(__always) static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }
}

/// FNV-1a, 32 bits: the hash of the search index's buckets (which `search.js` computes too, so it
/// is fixed) and of the word tables' slots.
enum FNV1a {
    @inline(__always) static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }

    /// A String's bytes, read where they are: through the view's iterator each byte cost ~30
    /// instructions (callgrind), for every word of the index and every paper's id at each build.
    static func hash(_ text: String.UTF8View) -> UInt32 {
        text.withContiguousStorageIfAvailable { hash($0) } ?? hash(Array(text))
    }
}

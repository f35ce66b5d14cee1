/// FNV-1a, 64 bits: the same bytes give the same hash in every run and on every machine,
/// which Swift's `Hasher` (seeded per process) does not. Used where a hash reaches a file.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        // Contiguous bytes (arrays, native strings' UTF-8) are walked through a buffer. (What
        // hashes much, listings and keys, takes `WordHash`, eight bytes a step; this hash names
        // records, `Slug.disambiguator`, so it stays as it was.)
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            var value = self.value
            for byte in buffer { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            self.value = value
        }
        if done == nil {
            for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
    }

    public static func of(_ text: String) -> UInt64 {
        var hash = StableHash()
        hash.add(text.utf8)
        return hash.value
    }
}

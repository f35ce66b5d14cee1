/// A sort key's first eight bytes as a number, and whether the key is ASCII: two ASCII keys
/// whose heads differ order as their heads do (people's A–Z keys, papers' ids). (A non-ASCII
/// key may not be in Unicode's composed form, where String order and byte order part.)
struct SortHead {
    let head: UInt64
    let ascii: Bool

    init(_ key: String) {
        var head: UInt64 = 0
        var ascii = true
        for (k, byte) in key.utf8.enumerated() {
            if byte >= 0x80 { ascii = false; break }
            if k < 8 { head |= UInt64(byte) << (56 - 8 * UInt64(k)) }
        }
        (self.head, self.ascii) = (head, ascii)
    }

    /// Whether `self` comes first; nil when the heads cannot tell.
    func orders(_ other: SortHead) -> Bool? {
        ascii && other.ascii && head != other.head ? head < other.head : nil
    }
}

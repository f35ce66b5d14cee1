/// A sort key's first eight bytes as a number: two keys whose heads differ order as their heads
/// do, when both heads can tell (`tells`). For a String key (people's A–Z keys, papers' ids)
/// that is when it is ASCII: a non-ASCII key may not be in Unicode's composed form, where
/// String order and byte order part. Keys ordered by their bytes (records' file names) can
/// always tell.
struct SortHead {
    let head: UInt64
    let tells: Bool

    init(_ key: String) {
        // Over the key's bytes where they are: a walk of `utf8.enumerated()` cost ~90
        // instructions a byte, 0.54 billion for the ids of a 100k site's papers at every build.
        self = key.withUTF8Bytes(Self.init(utf8:))
    }

    /// A String's bytes: its head tells when all are ASCII.
    private init(utf8 key: UnsafeBufferPointer<UInt8>) {
        var head: UInt64 = 0, high: UInt8 = 0
        for k in 0..<min(8, key.count) { head |= UInt64(key[k]) << (56 - 8 * UInt64(k)) }
        for byte in key { high |= byte }
        (self.head, tells) = (head, high < 0x80)
    }

    /// A key of bytes, `name` followed by `tail`, ordered by its bytes; zeros past its end (no
    /// key holds a zero byte), so a key before another that it begins is first.
    init(bytes name: UnsafeBufferPointer<UInt8>, then tail: UnsafeBufferPointer<UInt8>) {
        var head: UInt64 = 0
        for k in 0..<8 {
            var byte: UInt8 = 0
            if k < name.count { byte = name[k] } else if k - name.count < tail.count { byte = tail[k - name.count] }
            head |= UInt64(byte) << UInt64(56 - 8 * k)
        }
        (self.head, tells) = (head, true)
    }

    /// Whether `self` comes first; nil when the heads cannot tell.
    func orders(_ other: SortHead) -> Bool? {
        tells && other.tells && head != other.head ? head < other.head : nil
    }
}

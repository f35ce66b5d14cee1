#if canImport(Glibc)
import Glibc
#endif

extension UnsafeBufferPointer<UInt8> {
    /// Where `byte` first is in `range` of these bytes (nil: nowhere), found by `memchr`, many
    /// bytes at a step: a listing's lines, the build cache's 350k lines and their tabs, a mark
    /// in each list item of a list page.
    func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        guard !range.isEmpty, let base = baseAddress, let found = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

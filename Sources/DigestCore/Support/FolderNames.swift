#if canImport(Glibc)
import Glibc
#endif

/// The names in a folder, read with `readdir`, in byte order. Foundation's
/// `contentsOfDirectory` made an NSString, then a String, of each of a 100k-paper site's
/// records, and sorting those Strings (each comparison retains and releases both) took
/// longer again: with the sort, 0.25–0.4 s of every build, before any record was looked at.
enum FolderNames {
    /// The names of `folder`'s entries that end in `suffix` and do not begin with a dot,
    /// ordered by their bytes (the suffix included), with the suffix cut off; none when the
    /// folder cannot be read.
    static func sorted(in folder: String, ending suffix: String) -> [String] {
        guard let stream = opendir(folder) else { return [] }
        let tail = Array(suffix.utf8)
        // The names side by side, each found by its start: sorted as indices, with no String
        // made until the order is known.
        var arena: [UInt8] = [], starts: [Int] = [0]
        while let entry = readdir(stream) {
            withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                let count = strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)
                guard count > tail.count, bytes[0] != UInt8(ascii: "."),
                      bytes[(count - tail.count)..<count].elementsEqual(tail) else { return }
                arena += bytes[..<count]
                starts.append(arena.count)
            }
        }
        closedir(stream)
        return arena.withUnsafeBufferPointer { arena in
            let order = (0..<(starts.count - 1)).sorted { a, b in
                let (x, y) = (starts[a]..<starts[a + 1], starts[b]..<starts[b + 1])
                let order = memcmp(arena.baseAddress! + x.lowerBound, arena.baseAddress! + y.lowerBound, min(x.count, y.count))
                return order != 0 ? order < 0 : x.count < y.count
            }
            return order.map { String(decoding: arena[starts[$0]..<(starts[$0 + 1] - tail.count)], as: UTF8.self) }
        }
    }
}

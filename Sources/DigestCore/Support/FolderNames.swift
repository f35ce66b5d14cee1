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
        listing(folder, ending: suffix) { listed, _ in listed.names() } ?? []
    }

    /// `sorted`, each name with its entry's stamp (`FileStamp`), looked up on every core from
    /// the open folder by the name as `readdir` gave it. The id with its ending put back, made
    /// into a C string, for each of a 100k-record site's records, was 0.1 s of CPU in every
    /// build (a build with nothing changed: 0.31 s of user time, now 0.22).
    static func stamped(in folder: String, ending suffix: String) -> (names: [String], stamps: [FileStamp?]) {
        listing(folder, ending: suffix) { listed, fd in (listed.names(), listed.stamps(in: fd)) } ?? ([], [])
    }

    private static func listing<T>(_ folder: String, ending suffix: String, _ body: (Listed, Int32) -> T) -> T? {
        guard let stream = opendir(folder) else { return nil }
        defer { closedir(stream) }
        var listed = Listed(tail: Array(suffix.utf8))
        forEachName(in: stream) { listed.add($0) }
        listed.sort()
        return body(listed, dirfd(stream))
    }

    /// A folder's names that end in a suffix, side by side, each whole (its suffix and a NUL
    /// after it, as a C function takes it) and found by its start; sorted as indices, with no
    /// String made until the order is known.
    private struct Listed {
        let tail: [UInt8]
        private var arena: [UInt8] = [], starts: [Int] = [0]
        private var order: [Int] = []

        init(tail: [UInt8]) { self.tail = tail }

        mutating func add(_ name: UnsafeBufferPointer<UInt8>) {
            let count = name.count
            guard count > tail.count, name[0] != UInt8(ascii: "."), name[(count - tail.count)..<count].elementsEqual(tail) else { return }
            arena += name
            arena.append(0)
            starts.append(arena.count)
        }

        /// Entry `i`'s name without its suffix.
        private func name(_ i: Int, in arena: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: arena[starts[i]..<(starts[i + 1] - tail.count - 1)])
        }

        mutating func sort() {
            let count = starts.count - 1
            order = arena.withUnsafeBufferPointer { arena in
                tail.withUnsafeBufferPointer { tail in
                    // Each name by its first eight bytes as a number (`SortHead`, of the name and
                    // its ending), and by `inOrder` only where those are the same: with the names'
                    // bytes compared in every comparison, the sort and the Strings made after it were
                    // 60–80 ms of every build at 100k records, now 45 (the folder read before them, 40).
                    // (The heads as plain numbers, compared inline: through `SortHead.orders`, an
                    // optional answer each, the sort was 0.13 G instructions at 100k records.)
                    let heads: [(head: UInt64, name: Int)] = (0..<count).map { (SortHead(bytes: name($0, in: arena), then: tail).head, $0) }
                    return heads.sorted { a, b in
                        a.head != b.head ? a.head < b.head : inOrder(name(a.name, in: arena), name(b.name, in: arena), tail: tail)
                    }.map(\.name)
                }
            }
        }

        /// The names without their suffix, in order.
        func names() -> [String] {
            arena.withUnsafeBufferPointer { arena in order.map { String(decoding: name($0, in: arena), as: UTF8.self) } }
        }

        /// Each entry's stamp, in order, from `folder` (open), on every core.
        func stamps(in folder: Int32) -> [FileStamp?] {
            arena.withUnsafeBufferPointer { arena in
                guard let base = arena.baseAddress else { return [] }
                let (names, starts, order) = (CNames(base: base), starts, order)
                return ParallelMap.batched(order.count) { k in FileStamp(names.at(starts[order[k]]), in: folder) }
            }
        }
    }

    /// The names' bytes, read (never written) on every core while the listing holds them.
    private struct CNames: @unchecked Sendable {
        let base: UnsafePointer<UInt8>
        func at(_ start: Int) -> UnsafePointer<CChar> { UnsafeRawPointer(base + start).assumingMemoryBound(to: CChar.self) }
    }

    /// Whether name `x` comes before name `y` when each ends in `tail`, by their bytes: the
    /// order of `sorted`, and of `RecordStore.inOrder`, which places records without making
    /// their file names. Their common length is compared at once, a byte at a time only the
    /// tail after the shorter.
    static func inOrder(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>, tail: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(x.count, y.count)
        if common > 0 {
            let order = memcmp(x.baseAddress!, y.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        func byte(_ name: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt8 { i < name.count ? name[i] : tail[i - name.count] }
        for i in common..<(common + tail.count) where byte(x, i) != byte(y, i) { return byte(x, i) < byte(y, i) }
        return x.count < y.count
    }
}

extension FolderNames {
    /// Each name in the folder `path` of the open folder `folder` (`.` and `..` too), its
    /// bytes in place, in no order; false when it cannot be read.
    static func forEachName(in path: String, of folder: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        let fd = openat(folder, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        guard let stream = fdopendir(fd) else {
            close(fd)
            return false
        }
        defer { closedir(stream) }
        forEachName(in: stream, body)
        return true
    }

    /// Each entry's name as `readdir` has it, its bytes in place (no String made).
    private static func forEachName(in stream: OpaquePointer, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        while let entry = readdir(stream) {
            withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let count = strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)
                body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<count]))
            }
        }
    }
}

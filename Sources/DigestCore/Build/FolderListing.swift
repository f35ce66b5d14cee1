#if canImport(Glibc)
import Glibc
#endif

/// The names in the folders of a staging folder that hold many of a rebuild's files directly:
/// the search index's, 81k files in five folders at 100k papers. Each such folder is read once
/// (`readdir`, a few milliseconds) where every file in it was looked up by its path, a system
/// call and a walk of the path each: 0.12–0.15 CPU-s of every rebuild at 100k papers. A page
/// is alone in its folder (`papers/<id>/index.html`), so pages are still looked up one by one.
struct FolderListing: Sendable {
    /// Each folder read: the places of its files in the list of paths the listing was made
    /// from; each one's name, by its id among the names (a name listed twice has one); and
    /// whether the folder has each name.
    private let folders: [(places: Range<Int>, names: [Int32], found: [Bool])]

    /// A folder holds many files when it holds this many of the paths.
    static let many = 256

    init() { folders = [] }

    /// The folders of `paths` (relative to the open folder `root`) that hold `many` of them
    /// in a row, as a sorted list has them; a folder that cannot be read is left out (its files
    /// are looked up one by one).
    init(of paths: some RandomAccessCollection<String>, in root: Int32) {
        // Each path's folder is compared with the one before's where both are, in place: a
        // folder's bytes copied out for each of 270k pages (each in a folder of its own) and
        // compared by a generic loop were 0.22 G instructions of a 100k rebuild.
        var runs: [(prefix: Int, places: Range<Int>)] = []
        var (previous, prefix, start, place) = ("", 0, 0, 0)
        for path in paths {
            let (length, same) = Self.folderLength(of: path, after: previous, prefix: prefix)
            if !same {
                if place - start >= Self.many && prefix > 0 { runs.append((prefix, start..<place)) }
                (prefix, start) = (length, place)
            }
            previous = path
            place += 1
        }
        if place - start >= Self.many && prefix > 0 { runs.append((prefix, start..<place)) }
        let path = { (place: Int) in paths[paths.index(paths.startIndex, offsetBy: place)] }
        folders = runs.compactMap { run in
            // Each name the folder has is found among its paths' by its bytes, both where they
            // are: a String and a seeded hash for each of 81k names at 100k papers, in a
            // `Set<String>`, were 0.1 G instructions.
            var table = TermTable()
            let names = run.places.map { place in path(place).withUTF8Bytes { table.id(UnsafeBufferPointer(rebasing: $0[run.prefix...])) } }
            var found = [Bool](repeating: false, count: table.count)
            let folder = path(run.places.lowerBound).withUTF8Bytes { String(decoding: $0[..<(run.prefix - 1)], as: UTF8.self) }
            let read = FolderNames.forEachName(in: folder, of: root) { name in
                if let id = table.find(name) { found[Int(id)] = true }
            }
            return read ? (run.places, names, found) : nil
        }
    }

    /// The length of the folder part of `path` (up to its last slash, with it; 0 when it has
    /// none), and whether `previous`, whose folder part is `prefix` bytes long, is in the same one.
    private static func folderLength(of path: String, after previous: String, prefix: Int) -> (Int, same: Bool) {
        path.withUTF8Bytes { bytes in
            let length = bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
            guard length == prefix else { return (length, false) }
            guard length > 0 else { return (0, true) }
            return (length, previous.withUTF8Bytes { memcmp($0.baseAddress!, bytes.baseAddress!, length) == 0 })
        }
    }

    /// Whether the file at `place` in the list the listing was made from is there, when its
    /// folder was read (nil: it was not).
    func has(at place: Int) -> Bool? {
        for folder in folders where folder.places.contains(place) { return folder.found[Int(folder.names[place - folder.places.lowerBound])] }
        return nil
    }

    /// Whether the file at `place`, `path` from the open folder `root` (the listing's), is
    /// there: as its folder was read; or, when the build that made the site sealed it at `seal`
    /// and the file's folder is as that build left it (`SiteSeal`), as that build wrote it; or
    /// looked up.
    func has(at place: Int, _ path: String, in root: Int32, seal: UInt64 = 0) -> Bool {
        has(at: place) ?? (SiteSeal.leftAsMade(folderOf: path, in: root, seal: seal) || OutputFolder.isThere(path, in: root))
    }
}

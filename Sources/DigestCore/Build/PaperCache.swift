import Foundation

/// The papers the last build read, in `.digest-cache/papers/`, each under its record file's
/// stamp with what checking it said: a build parses (Yams) only the records written since. At
/// 100k records, parsing them all was 3.7 s of every rebuild. A record with an error, or one
/// that cannot be read, is not kept: it is read again, and its problem said again.
///
/// The papers are kept in `shards` files by a hash of their id, and a build writes again only
/// the files whose papers changed: one file of them all (173 MB at 100k papers) was written
/// whole after every edit of one record, 6% of the CPU of such a rebuild. The papers parsed
/// since the shards were written go to one file of their own (`recentPath`) until they are
/// more than a shard holds (`CacheFile.recentLimit`): a listing's 150 papers fall in every
/// shard, and each listing wrote all 64 again (170 MB at 100k papers). A build stopped
/// between two files leaves each whole, old or new; an entry is used only for its stamp.
enum PaperCache {
    static let version = CacheFile.ofThisDigest("digest-paper-cache 7 " + SiteBuild.version)
    static let shards = 64

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/papers") }

    /// The one file earlier versions kept them all in (`papers.bin` beside the shards' folder),
    /// removed when the shards are written.
    static func oldFile(_ folder: String) -> String { folder + ".bin" }

    /// The shard a record's paper is kept in: the same from build to build (no seeded hash).
    static func shard(of id: String) -> Int { Int(FNV1a.hash(id.utf8) % UInt32(shards)) }

    static func shardPath(_ folder: String, _ shard: Int) -> String { folder + "/\(shard).bin" }

    /// The papers parsed since their shards were written; looked up before the shards.
    static func recentPath(_ folder: String) -> String { folder + "/recent.bin" }

    struct Entry: Sendable {
        let stamp: FileStamp
        let paper: Paper
        /// Its keys (`PaperKeys`), unless another `digest` made them (nil): then they are
        /// worked out again, and its shard written again.
        let keys: PaperKeys?
        /// The hash of its file's bytes (`RecordStore.fileKey`): a record written again with the same bytes
        /// — touched, checked out again, or copied with the site, in CI — under a new stamp is
        /// read, but not parsed (Yams) again.
        let file: UInt64
        /// Warnings, without the file (the record's own, wherever the site is).
        let warnings: [(line: Int?, message: String)]
    }

    /// What the last build kept, shard by shard, and the papers kept apart since (`recent`).
    struct Kept: Sendable {
        /// Each shard's entries in the records' order (`RecordStore.inOrder`), as written.
        let shards: [[(key: String, value: Entry)]]
        let recent: [String: Entry]

        /// The entry for `id` (looked for in its shard one by one: for tests and a few papers).
        subscript(id: String) -> Entry? {
            recent[id] ?? (shards.isEmpty ? nil : shards[PaperCache.shard(of: id)].first { $0.key == id }?.value)
        }

        /// Where each of `ids` (records in their order, each in shard `shardOf`) is kept. Each
        /// shard is walked beside its records, one comparison a step, not looked up by id in a
        /// table: two tables of 100k ids made and each id hashed in both were 0.3 billion
        /// instructions of every rebuild at 100k papers. (A record out of order, or kept out
        /// of order, is passed over: it is parsed, no more.) The recent papers, few, are each
        /// found among the records by halving.
        func places(of ids: [String], shardOf: [Int]) -> [Place?] {
            var places = [Place?](repeating: nil, count: ids.count)
            if !shards.isEmpty {
                let members = {
                    var members = [[Int]](repeating: [], count: PaperCache.shards)
                    for i in ids.indices { members[shardOf[i]].append(i) }
                    return members
                }()
                let found = ParallelMap.run(PaperCache.shards) { shard -> [(record: Int, place: Int32)] in
                    let kept = shards[shard]
                    var found: [(record: Int, place: Int32)] = []
                    found.reserveCapacity(min(kept.count, members[shard].count))
                    RecordStore.matchKept(ids, records: members[shard], keptCount: kept.count, keptID: { kept[$0].key }) { found.append(($0, Int32($1))) }
                    return found
                }
                for shard in found { for (record, place) in shard { places[record] = Place(recent: false, index: place) } }
            }
            for (n, id) in recentList.map(\.key).enumerated() {
                var (low, high) = (0, ids.count)
                while low < high {
                    let mid = (low + high) / 2
                    if RecordStore.inOrder(ids[mid], id) { low = mid + 1 } else { high = mid }
                }
                if low < ids.count, ids[low] == id { places[low] = Place(recent: true, index: Int32(n)) }
            }
            return places
        }

        /// Where a record's paper is kept: in the recent file (the newer entry, when its shard
        /// has one too), or in its shard; by its place in `recentIDs` or in the shard's list.
        struct Place: Sendable {
            let recent: Bool
            let index: Int32
        }

        /// The entry at `place`, of the record in `shard`.
        func entry(_ place: Place, shard: Int) -> Entry {
            place.recent ? recentList[Int(place.index)].value : shards[shard][Int(place.index)].value
        }

        /// The recent file's entries, one per id (the last written), for `places`.
        private let recentList: [(key: String, value: Entry)]

        init(shards: [[(key: String, value: Entry)]], recent: [(key: String, value: Entry)]) {
            self.shards = shards
            self.recent = Dictionary(recent, uniquingKeysWith: { _, last in last })
            recentList = self.recent.sorted { $0.key < $1.key }
        }

        /// How many papers each shard holds.
        var counts: [Int] { shards.isEmpty ? Array(repeating: 0, count: PaperCache.shards) : shards.map(\.count) }
        static let none = Kept(shards: [], recent: [])
    }

    /// Every shard and the recent file, on every core; a file that is missing, of another
    /// version or unreadable holds nothing (its papers are parsed again, and kept again).
    static func read(_ folder: String) -> Kept {
        var files = ParallelMap.run(shards + 1) { n in
            var shared = SharedTexts()  // (one for each file: each is read on a core of its own)
            return CacheFile.list(n < shards ? shardPath(folder, n) : recentPath(folder), version: version) { entry(from: &$0, shared: &shared) }
        }
        let recent = files.removeLast()
        return Kept(shards: files, recent: recent)
    }

    private static func entry(from wire: inout WireReader, shared: inout SharedTexts) -> (key: String, value: Entry)? {
        guard let stamp = FileStamp.read(from: &wire), let file = UInt64.read(from: &wire), let paper = Paper.read(from: &wire, shared: &shared),
              let keys = PaperKeys.read(from: &wire), let count = UInt64.read(from: &wire), count <= 1024 else { return nil }
        var warnings: [(line: Int?, message: String)] = []
        for _ in 0..<count {
            guard let line = Int?.read(from: &wire), let message = String.read(from: &wire) else { return nil }
            warnings.append((line, message))
        }
        return (paper.id, Entry(stamp: stamp, paper: paper, keys: keys.current ? keys.keys : nil, file: file, warnings: warnings))
    }

    /// What a build writes of the cache: the shards in `changed` (by number, in order), from
    /// `byShard` (every shard's entries), then the recent file's entries, or, when they are
    /// nil, no recent file (its papers are in their shards now).
    struct Update {
        var byShard: [[Entry]] = Array(repeating: [], count: PaperCache.shards)
        var changed: [Int] = []
        var recent: [Entry]?
    }

    static func write(_ update: Update, to folder: String) {
        for shard in update.changed { write(update.byShard[shard], to: shardPath(folder, shard)) }
        if let recent = update.recent { write(recent, to: recentPath(folder)) } else { unlink(recentPath(folder)) }
        unlink(oldFile(folder))
    }

    private static func write(_ entries: [Entry], to path: String) {
        CacheFile.write(path, version: version, entries: entries) { entry, wire in
            entry.stamp.write(to: &wire)
            entry.file.write(to: &wire)
            entry.paper.write(to: &wire)
            (entry.keys ?? PaperKeys(entry.paper)).write(to: &wire)
            UInt64(entry.warnings.count).write(to: &wire)
            for warning in entry.warnings {
                warning.line.write(to: &wire)
                warning.message.write(to: &wire)
            }
        }
    }
}

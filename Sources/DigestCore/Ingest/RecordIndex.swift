import Foundation

/// What ingest needs to know of every record before it knows which records a listing's papers
/// are: the record's identity keys, as hashes, and the listings it came from. Reading and
/// parsing every record for that was most of an ingest into a large site (a 150-paper listing
/// into 100k records: 10 of 14 s), though only the records the listing's papers match are
/// changed. So the entries are kept in `.digest-cache/`, each under its file's stamp (inode,
/// size, modification and change times: any write, by ingest or by hand, changes it), and a
/// record is parsed again only when its file changed — read again when only its stamp did (a
/// fresh clone's records: new stamps, the bytes they had), and known by its bytes' hash. Keys are kept as 64-bit hashes — a whole
/// abstract is a key — so ingest groups by hashes first and then groups the records it will
/// touch again by their real keys (`Ingest.run`): a hash collision can cost a record read,
/// never a wrong merge.
struct RecordIndex {
    struct Entry: Sendable, Equatable {
        let id: String
        let keys: [UInt64]
        let listings: [String]
    }

    /// Every readable record, in the order of `RecordStore.ids()`.
    var entries: [Entry] = []
    /// Ids whose file could not be read: ingest must not overwrite them.
    var unreadable: Set<String> = []
    /// Why, in id order.
    var diagnostics: [Diagnostic] = []
    /// How many records were parsed, not taken from the cache; how many were read and found
    /// to hold the bytes the cache has for them, under a new stamp.
    var parsed = 0, restamped = 0
    /// Whether the cache differs from these entries: some were parsed or restamped, or records are gone.
    var isStale = false
    /// The file stamps the entries were taken under, and the files' hashes (`RecordStore.fileKey`).
    private var stamps: [String: (stamp: FileStamp, file: UInt64)] = [:]

    static let version = CacheFile.ofThisDigest("digest-record-index 3 " + SiteBuild.version)

    static func path(_ site: SitePaths) -> String { IngestCache.folder(site) + "/records.bin" }

    static func keyHash(_ key: String) -> UInt64 { ContextHash.of(bytes: key.utf8) }

    /// The entries of `records` (`RecordStore.stampedIDs`), from the cache (when given) where
    /// a file is as it was then.
    static func load(_ store: RecordStore, records known: [(id: String, stamp: FileStamp?)]? = nil, cache: String?) -> RecordIndex {
        let records = known ?? store.stampedIDs()
        let (ids, stamps) = (records.map(\.id), records.map(\.stamp))
        let cached = cache.map(read) ?? []
        // Both lists are in the store's order (the cache was saved from `entries`).
        let hits = {
            var hits = [Int](repeating: -1, count: ids.count)
            RecordStore.matchKept(ids, records: ids.indices, keptCount: cached.count, keptID: { cached[$0].key }) { hits[$0] = $1 }
            return hits
        }()
        let results = ParallelMap.run(ids.count) { i -> (entry: Result<Entry, Diagnostic>, file: UInt64, read: Read) in
            let hit = hits[i] >= 0 ? cached[hits[i]].value : nil
            // (Keys and sources read the same with values as text.)
            switch store.reading(id: ids[i], stamp: stamps[i], kept: hit.map { ($0.entry, $0.stamp, $0.file) }) {
            case .asKept(let entry, let file): return (.success(entry), file, .kept)
            case .sameBytes(let entry, let file): return (.success(entry), file, .restamped)
            case .parsed(let read, let file): return (read.map(entry(of:)), file ?? 0, .parsed)
            }
        }
        var index = RecordIndex()
        index.entries.reserveCapacity(ids.count)
        index.stamps.reserveCapacity(ids.count)
        for (i, result) in results.enumerated() {
            switch result.entry {
            case .success(let entry):
                index.entries.append(entry)
                if result.read == .parsed { index.parsed += 1 }
                if result.read == .restamped { index.restamped += 1 }
                if let stamp = stamps[i] { index.stamps[entry.id] = (stamp, result.file) }
            case .failure(let diagnostic):
                index.unreadable.insert(ids[i])
                index.diagnostics.append(diagnostic)
            }
        }
        index.isStale = index.parsed > 0 || index.restamped > 0 || cached.count != index.entries.count
        return index
    }

    /// How a record's entry was had.
    private enum Read { case kept, restamped, parsed }

    static func entry(of record: Record) -> Entry {
        let facts = RecordFields.identityFacts(of: record)
        return Entry(id: record.id, keys: facts.identityKeys.map(keyHash), listings: Array(Set(facts.sources.map(\.listing))).sorted())
    }

    /// A record ingest wrote, its file's stamp after the write, and its bytes' hash.
    struct Written: Sendable {
        let entry: Entry
        let stamp: FileStamp?
        let file: UInt64
    }

    /// The records written since the index was loaded, as they now are.
    mutating func update(_ written: [Written]) {
        guard !written.isEmpty else { return }
        for record in written { stamps[record.entry.id] = record.stamp.map { ($0, record.file) } }
        // In the store's order, by file name (`a-b.md` before `a.md`).
        entries = RecordStore.merging(written.map(\.entry), into: entries, id: \.id)
        isStale = true
    }

    /// Saves the entries for the next ingest; a record written since it was stamped will not
    /// match its stamp and is read again then.
    func save(_ cache: String) {
        let stamped = entries.compactMap { entry in stamps[entry.id].map { (entry, $0) } }
        CacheFile.write(cache, version: Self.version, entries: stamped) { stamped, wire in
            let (entry, stamp) = stamped
            entry.id.write(to: &wire)
            stamp.stamp.write(to: &wire)
            stamp.file.write(to: &wire)
            entry.keys.write(to: &wire)
            entry.listings.write(to: &wire)
        }
    }

    /// The cache's entries in the order saved; empty when there is none, or it is of another
    /// version or cut short.
    static func read(_ cache: String) -> [(key: String, value: (stamp: FileStamp, file: UInt64, entry: Entry))] {
        CacheFile.list(cache, version: version) { wire in
            guard let id = String.read(from: &wire), let stamp = FileStamp.read(from: &wire), let file = UInt64.read(from: &wire),
                  let keys = [UInt64].read(from: &wire), let listings = [String].read(from: &wire) else { return nil }
            return (id, (stamp, file, Entry(id: id, keys: keys, listings: listings)))
        }
    }
}

import Foundation

/// The papers the last build read, in `.digest-cache/papers/`, each under its record file's
/// stamp with what checking it said: a build parses (Yams) only the records written since. At
/// 100k records, parsing them all was 3.7 s of every rebuild. A record with an error, or one
/// that cannot be read, is not kept: it is read again, and its problem said again.
///
/// The papers are kept in `shards` files by a hash of their id, and a build writes again only
/// the files whose papers changed: one file of them all (173 MB at 100k papers) was written
/// whole after every edit of one record, 6% of the CPU of such a rebuild. A build stopped
/// between two files leaves each whole, old or new; an entry is used only for its stamp.
enum PaperCache {
    static let version = CacheFile.ofThisDigest("digest-paper-cache 6 " + SiteBuild.version)
    static let shards = 64

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/papers") }

    /// The one file earlier versions kept them all in (`papers.bin` beside the shards' folder),
    /// removed when the shards are written.
    static func oldFile(_ folder: String) -> String { folder + ".bin" }

    /// The shard a record's paper is kept in: the same from build to build (no seeded hash).
    static func shard(of id: String) -> Int { Int(FNV1a.hash(id.utf8) % UInt32(shards)) }

    static func shardPath(_ folder: String, _ shard: Int) -> String { folder + "/\(shard).bin" }

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

    /// What the last build kept, shard by shard.
    struct Kept: Sendable {
        let shards: [[String: Entry]]

        subscript(id: String) -> Entry? { self[id, shard: PaperCache.shard(of: id)] }
        /// (`shard`: the id's, when the caller has it.)
        subscript(id: String, shard shard: Int) -> Entry? { shards.isEmpty ? nil : shards[shard][id] }
        /// How many papers each shard holds.
        var counts: [Int] { shards.isEmpty ? Array(repeating: 0, count: PaperCache.shards) : shards.map(\.count) }
        static let none = Kept(shards: [])
    }

    /// Every shard, on every core; a shard that is missing, of another version or unreadable
    /// holds nothing (its papers are parsed again, and it is written again).
    static func read(_ folder: String) -> Kept {
        Kept(shards: ParallelMap.run(shards) { shard in
            CacheFile.entries(shardPath(folder, shard), version: version) { wire in
                guard let stamp = FileStamp.read(from: &wire), let file = UInt64.read(from: &wire), let paper = Paper.read(from: &wire),
                      let keys = PaperKeys.read(from: &wire), let count = UInt64.read(from: &wire), count <= 1024 else { return nil }
                var warnings: [(line: Int?, message: String)] = []
                for _ in 0..<count {
                    guard let line = Int?.read(from: &wire), let message = String.read(from: &wire) else { return nil }
                    warnings.append((line, message))
                }
                return (paper.id, Entry(stamp: stamp, paper: paper, keys: keys.current ? keys.keys : nil, file: file, warnings: warnings))
            }
        })
    }

    /// The shards in `changed` (by number, in order); `byShard`, every shard's entries.
    static func write(_ byShard: [[Entry]], shards changed: [Int], to folder: String) {
        for shard in changed {
            CacheFile.write(shardPath(folder, shard), version: version, entries: byShard[shard]) { entry, wire in
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
        unlink(oldFile(folder))
    }
}

extension Paper: WireValue {
    func write(to wire: inout [UInt8]) {
        id.write(to: &wire)
        isDraft.write(to: &wire)
        facts.title.write(to: &wire)
        facts.titleInferred.write(to: &wire)
        facts.authors.write(to: &wire)
        facts.authorCount.write(to: &wire)
        for text in [facts.organization, facts.affiliation, facts.date] { text.write(to: &wire) }
        facts.upvotes.write(to: &wire)
        for text in [facts.venue, facts.session, facts.room] { text.write(to: &wire) }
        facts.abstractText.write(to: &wire)
        facts.tags.write(to: &wire)
        facts.sources.map(\.listing).write(to: &wire)
        facts.sources.map(\.line).write(to: &wire)
    }

    static func read(from wire: inout WireReader) -> Paper? {
        guard let id = String.read(from: &wire), let isDraft = Bool.read(from: &wire), let title = String.read(from: &wire), let titleInferred = Bool.read(from: &wire),
              let authors = [String].read(from: &wire), let authorCount = Int?.read(from: &wire),
              let organization = String?.read(from: &wire), let affiliation = String?.read(from: &wire), let date = String?.read(from: &wire),
              let upvotes = Int?.read(from: &wire),
              let venue = String?.read(from: &wire), let session = String?.read(from: &wire), let room = String?.read(from: &wire),
              let abstract = AbstractText.read(from: &wire), let tags = [String].read(from: &wire),
              let listings = [String].read(from: &wire), let lines = [Int].read(from: &wire), lines.count == listings.count else { return nil }
        // The facts made whole, then boxed once: each set through the paper's box was an access
        // checked at run time and a check that the box is not shared, 1.3M of each at 100k papers.
        var facts = PaperFacts(title: title)
        facts.titleInferred = titleInferred
        facts.authors = authors
        facts.authorCount = authorCount
        (facts.organization, facts.affiliation, facts.date) = (organization, affiliation, date)
        facts.upvotes = upvotes
        (facts.venue, facts.session, facts.room) = (venue, session, room)
        facts.abstractText = abstract
        facts.tags = tags
        facts.sources = zip(listings, lines).map { SourceRef(listing: $0, line: $1) }
        var paper = Paper(id: id, facts: facts)
        paper.isDraft = isDraft
        return paper
    }
}

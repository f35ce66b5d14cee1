import Foundation
import Testing
@testable import DigestCore

/// The record index ingest keeps in `.digest-cache/`: records unchanged since are not parsed
/// again, and what it holds can only make ingest read more, never merge wrongly.
@Suite struct RecordIndexTests {
    static func store(_ site: String) -> RecordStore { RecordStore(folder: site + "/content/papers") }
    static func cache(_ site: String) -> String { RecordIndex.path(SitePaths(root: site)) }

    /// Records written into a store keep the index and the ingest cache's fingerprint in the
    /// store's order (by file name: `a-b.md` before `a.md`), as sorting them all would.
    @Test func recordsWrittenGoInAtTheirPlace() {
        let sorted = ["a-b", "a", "b", "d-1", "d", "f"]
        let cases: [[String]] = [[], ["a"], ["0"], ["zz"], ["a-a", "c", "e", "b-b"], ["a-b-c", "a-", "d-0", "d-2", "a-b", "f"]]
        for updates in cases {
            let items = sorted.map { (id: $0, new: false) }
            let merged = RecordStore.merging(updates.map { (id: $0, new: true) }, into: items, id: \.id)
            let expected = Set(sorted + updates).sorted { $0 + ".md" < $1 + ".md" }
            #expect(merged.map(\.id) == expected, "\(updates)")
            #expect(merged.filter(\.new).map(\.id).sorted() == updates.sorted(), "\(updates)")
        }
    }

    /// The order of records: their file names' bytes (`a-b.md` before `a.md`; `e\u{301}` and
    /// `é`, which String takes for equal, each in its place).
    static func byFileName(_ a: String, _ b: String) -> Bool {
        Array((a + ".md").utf8).lexicographicallyPrecedes(Array((b + ".md").utf8))
    }

    /// Ids compared without making their file names order records as their names' bytes do,
    /// for every pair of some ids near `.md` (a prefix, a dot, `.m`, upper case), ids with
    /// non-ASCII, and the slugs of the listings' titles.
    @Test func idsAreOrderedAsTheirFileNames() {
        var ids = ["", "a", "a-b", "a.b", "a.m", "a.md", "a.mc", "a.me", "a-", "a0", "A", "a/", "a\u{7F}", "b", "é", "e\u{301}", "ea", "a\u{0}"]
        ids += Fixtures.all.flatMap { Fixtures.parse($0).entries }.prefix(120).map { Slug.make($0.title ?? $0.abstract) }
        var wrong = 0
        for a in ids { for b in ids where RecordStore.inOrder(a, b) != Self.byFileName(a, b) { wrong += 1; Issue.record("\(a) / \(b)") } }
        #expect(wrong == 0)
    }

    /// The store lists its records in that order, leaving out other files and dot files.
    @Test func theStoreListsRecordsByFileName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ids-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ids = ["a", "a-b", "a.b", "a.md", "a0", "A", "b", "é", "e\u{301}", "ea", "z"] + (0..<300).map { "paper-\($0 * 7919 % 1000)" }
        for name in ids.map({ $0 + ".md" }) + [".hidden.md", "notes.txt", "a.md.bak", ".md"] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8)))
        }
        #expect(RecordStore(folder: folder).ids() == ids.sorted(by: Self.byFileName))
    }

    /// Each record comes with its own file's stamp, however the folder lists them: the stamps
    /// are looked up in the names' order, not in the order the names were read or sorted in.
    @Test func eachRecordHasItsOwnFilesStamp() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stamps-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ids = ["b", "a", "a-b", "é", "z"] + (0..<2000).map { "paper-\($0 * 7919 % 2000)" }
        for (n, id) in ids.enumerated() {  // a size of its own for each
            #expect(FileManager.default.createFile(atPath: folder + "/" + id + ".md", contents: Data(repeating: 0x78, count: n + 1)))
        }
        #expect(FileManager.default.createFile(atPath: folder + "/.hidden.md", contents: Data("x".utf8)))
        let stamped = RecordStore(folder: folder).stampedIDs()
        #expect(stamped.map(\.id) == ids.sorted(by: Self.byFileName))
        let wrong = stamped.filter { $0.stamp == nil || $0.stamp != FileStamp(path: folder + "/" + $0.id + ".md") }.count
        #expect(wrong == 0, "records with another file's stamp or none")
    }

    @Test func unchangedRecordsComeFromTheCacheAsTheyWouldBeParsed() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site, useCache: true)
        let cached = RecordIndex.load(Self.store(site), cache: Self.cache(site))
        let parsed = RecordIndex.load(Self.store(site), cache: nil)
        #expect(cached.parsed == 0)
        #expect(parsed.parsed == 505)
        #expect(cached.entries.count == 505)
        #expect(cached.entries == parsed.entries)
        // The two papers on two listings name both.
        #expect(cached.entries.filter { $0.listings.count == 2 }.count == 2)
    }

    @Test func aRecordWrittenSinceIsParsedAgain() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site, useCache: true)
        let id = "hyperattention-long-context-attention-in-near-linear-time"
        let path = site + "/content/papers/\(id).md"
        let before = RecordIndex.load(Self.store(site), cache: Self.cache(site)).entries.first { $0.id == id }
        // Written in place, one letter of the title changed: same inode, same size.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.write(contentsOf: Data(text.replacingOccurrences(of: "HyperAttention", with: "HyperAttentiom").utf8))
        try handle.close()
        let after = RecordIndex.load(Self.store(site), cache: Self.cache(site))
        #expect(after.parsed == 1)
        let entry = after.entries.first { $0.id == id }
        #expect(entry != nil && entry?.keys != before?.keys)
        #expect(after.entries == RecordIndex.load(Self.store(site), cache: nil).entries)
    }

    /// Every record copied anew (a fresh clone: new stamps, the bytes ingest wrote): each is
    /// read and known by its bytes' hash, none parsed, and saved under its new stamp.
    @Test func recordsCopiedWithTheirBytesAreNotParsedAgain() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site, useCache: true)
        let papers = site + "/content/papers"
        try FileManager.default.copyItem(atPath: papers, toPath: papers + ".copy")
        try FileManager.default.removeItem(atPath: papers)
        try FileManager.default.moveItem(atPath: papers + ".copy", toPath: papers)
        let copied = RecordIndex.load(Self.store(site), cache: Self.cache(site))
        #expect(copied.parsed == 0 && copied.restamped == 505 && copied.isStale)
        #expect(copied.entries == RecordIndex.load(Self.store(site), cache: nil).entries)
        copied.save(Self.cache(site))
        let again = RecordIndex.load(Self.store(site), cache: Self.cache(site))
        #expect(again.parsed == 0 && again.restamped == 0 && !again.isStale)
    }

    @Test func aDamagedCacheIsReadAsNone() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession])
        _ = Fixtures.ingest(site, useCache: true)
        let bytes = try #require(FileManager.default.contents(atPath: Self.cache(site)))
        for damaged in [bytes.prefix(bytes.count / 2), Data("digest-record-index 0\n".utf8) + bytes.dropFirst(22), Data()] {
            try damaged.write(to: URL(fileURLWithPath: Self.cache(site)))
            let index = RecordIndex.load(Self.store(site), cache: Self.cache(site))
            #expect(index.parsed == 285)
            #expect(index.entries == RecordIndex.load(Self.store(site), cache: nil).entries)
        }
    }

    @Test func listingsIngestedOneByOneWithTheIndexGiveTheSameRecords() throws {
        let together = try Fixtures.site()
        _ = Fixtures.ingest(together)
        let oneByOne = try Fixtures.site()
        for name in Fixtures.all {
            #expect(!Fixtures.ingest(oneByOne, paths: [oneByOne + "/content/listings/" + name], useCache: true).hasErrors)
        }
        #expect(RecordIndex.load(Self.store(oneByOne), cache: Self.cache(oneByOne)).parsed == 0)  // each ingest indexed what it wrote
        #expect(Fixtures.snapshot(oneByOne) == Fixtures.snapshot(together))
    }

    /// Keys are kept as hashes. An entry whose hash says a record is a listing's paper when
    /// it is not (a collision, or a cache that lies) must not merge them: the record is read
    /// and grouped by its real keys.
    @Test func aKeyHashThatLiesMergesNothing() throws {
        let honest = try Fixtures.site(listings: [Fixtures.abstractList, Fixtures.posterSession])
        let lied = try Fixtures.site(listings: [Fixtures.abstractList, Fixtures.posterSession])
        for site in [honest, lied] { _ = Fixtures.ingest(site, paths: [site + "/content/listings/" + Fixtures.abstractList], useCache: true) }
        // Every record of the first listing claims the keys of every paper in the second.
        let poster = Fixtures.parse(Fixtures.posterSession)
        let posterKeys = poster.entries.flatMap { entry in
            Candidate.facts(for: entry, in: poster, name: Fixtures.posterSession, settings: ListingSettings(), year: nil, today: Fixtures.today)
                .identityKeys.map(RecordIndex.keyHash)
        }
        var index = RecordIndex.load(Self.store(lied), cache: Self.cache(lied))
        index.entries = index.entries.map { RecordIndex.Entry(id: $0.id, keys: $0.keys + posterKeys, listings: $0.listings) }
        index.save(Self.cache(lied))
        #expect(RecordIndex.load(Self.store(lied), cache: Self.cache(lied)).entries.allSatisfy { $0.keys.count > posterKeys.count })
        for site in [honest, lied] { _ = Fixtures.ingest(site, paths: [site + "/content/listings/" + Fixtures.posterSession], useCache: true) }
        #expect(Fixtures.snapshot(lied).count == 10 + 285)
        #expect(Fixtures.snapshot(lied) == Fixtures.snapshot(honest))
    }
}

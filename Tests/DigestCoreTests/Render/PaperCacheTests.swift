import Foundation
import Testing
@testable import DigestCore

/// The papers a build keeps in `.digest-cache/papers/`: what comes back from it is what
/// parsing the records gives, warnings included, a record written since is parsed again, and
/// kept in the recent file, until those are more than a shard holds: then only their shards
/// are written again.
@Suite struct PaperCacheTests {
    @Test func everySamplePaperComesBackAsItWent() {
        for paper in SearchTests.sample.papers {
            var wire: [UInt8] = []
            paper.write(to: &wire)
            var reader = WireReader(bytes: wire)
            let back = Paper.read(from: &reader)
            #expect(back?.id == paper.id && back?.facts == paper.facts)
            #expect(reader.at == wire.count)
        }
        // A field added to the facts must be added to the cache's coding too (and this count).
        #expect(Mirror(reflecting: PaperFacts(title: "")).children.count == 14)
    }

    /// A paper read from the cache holds its abstract's bytes where they were read
    /// (`AbstractText`), not made text: the same text when it is asked for, equal to the
    /// paper written, with the same text key, and written again the same.
    @Test func anAbstractReadFromTheCacheIsTheTextItWas() throws {
        var paper = try #require(SearchTests.sample.papers.first { !$0.abstract.isEmpty })
        paper.facts.abstract += " Café, naïve — $\\alpha$ ≤ 1."
        var wire: [UInt8] = []
        paper.write(to: &wire)
        var reader = WireReader(bytes: wire)
        let back = try #require(Paper.read(from: &reader))
        #expect(back.abstract == paper.abstract && back.facts == paper.facts)
        #expect(KeptWords.textKey(of: back) == KeptWords.textKey(of: paper))
        var again: [UInt8] = []
        back.write(to: &again)
        #expect(again == wire)
        var emptied = back
        emptied.facts.abstract = ""
        #expect(emptied.abstractText.isEmpty && !back.abstractText.isEmpty && emptied.facts != back.facts)
    }

    /// A paper read from the cache has its date, tags and sources made, and its other facts
    /// read through (`PaperFacts.readThrough`), made when first asked for: each prefix of its
    /// bytes that misses any of them reads as no paper. Changed, it is written as changed, not
    /// as the bytes it was read from.
    @Test func aPaperReadFromTheCacheMakesItsFactsWhenAsked() throws {
        var paper = try #require(SearchTests.sample.papers.first { !$0.facts.authors.isEmpty && !$0.sources.isEmpty })
        (paper.tags, paper.date) = (["alignment", "llm"], "2024-05-12")
        var wire: [UInt8] = []
        paper.write(to: &wire)
        for end in 0..<wire.count {
            var reader = WireReader(bytes: Array(wire[..<end]))
            #expect(Paper.read(from: &reader) == nil)
        }
        var reader = WireReader(bytes: wire)
        var back = try #require(Paper.read(from: &reader))
        #expect(back.encodedFacts != nil)
        #expect(back.date == paper.date && back.tags == paper.tags && back.sources == paper.sources)
        #expect(back.facts == paper.facts && back.title == paper.title && back.facts.authors == paper.facts.authors)
        back.facts.title = "Another Title"
        #expect(back.encodedFacts == nil && back.date == paper.date && back.tags == paper.tags)
        var again: [UInt8] = []
        back.write(to: &again)
        var reread = WireReader(bytes: again)
        #expect(again != wire && Paper.read(from: &reread)?.facts.title == "Another Title")
    }

    @Test func warningsAreSaidAgainAndEditsReadAgain() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        let papers = site + "/content/papers/"
        let ids = try FileManager.default.contentsOfDirectory(atPath: papers).sorted()
        // A field digest does not know: a warning, and the record is still used.
        let warned = papers + ids[0]
        try String(contentsOfFile: warned, encoding: .utf8).replacingOccurrences(of: "title:", with: "colour: blue\ntitle:")
            .write(toFile: warned, atomically: true, encoding: .utf8)
        let first = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(first.written && first.diagnostics.count == 1)
        let cache = PaperCache.read(PaperCache.path(SitePaths(root: site)))
        #expect(cache.ids == Set(ids.map { String($0.dropLast(3)) }) && cache[String(ids[0].dropLast(3))]?.warnings.count == 1)

        // Another record's title, one letter, written in place: same inode, same size.
        let edited = papers + ids[1]
        let text = try String(contentsOfFile: edited, encoding: .utf8)
        let title = try #require(text.split(separator: "\n").first { $0.hasPrefix("title: \"") })
        let letter = title.index(title.startIndex, offsetBy: 8)
        let newTitle = title.replacingCharacters(in: letter...letter, with: title[letter] == "Q" ? "Z" : "Q")
        let handle = try #require(FileHandle(forUpdatingAtPath: edited))
        try handle.write(contentsOf: Data(text.replacingOccurrences(of: title, with: newTitle).utf8))
        try handle.close()
        let second = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(second.incremental && second.rewritten > 0)
        #expect(second.diagnostics == first.diagnostics)  // the warning, from the cache
        let page = try String(contentsOfFile: site + "/public/papers/\(ids[1].dropLast(3))/index.html", encoding: .utf8)
        #expect(page.contains(String(newTitle.dropFirst(8).dropLast())))
        try IncrementalBuildTests().expectSameAsCleanBuild(site)
    }

    /// Records edited: their papers go to the recent file, no shard is written again (each
    /// file keeps its inode: `AtomicFile` writes a new file and renames it over the old), and
    /// the one file an earlier version kept them all in goes. Past `CacheFile.recentLimit` papers made
    /// anew, their shards are written again and the recent file goes.
    @Test func editsGoToTheRecentFileUntilTheyAreMany() throws {
        let (site, paths, folder) = try builtSample { paths in
            try Data("digest-paper-cache 1\n".utf8).write(to: URL(fileURLWithPath: PaperCache.oldFile(PaperCache.path(paths))))
        }
        #expect(!FileManager.default.fileExists(atPath: PaperCache.oldFile(PaperCache.path(paths))))
        func inodes() -> [UInt64?] {
            (0..<PaperCache.shards).map { (try? FileManager.default.attributesOfItem(atPath: PaperCache.shardPath(folder, $0))[.systemFileNumber] as? UInt64) ?? nil }
        }
        let before = inodes()
        let ids = try FileManager.default.contentsOfDirectory(atPath: paths.papers).sorted()
        let limit = CacheFile.recentLimit(papers: ids.count)
        #expect(ids.count > limit)  // the sample's full build wrote the shards
        let kept = PaperCache.read(folder)
        #expect(kept.counts.reduce(0, +) == ids.count && kept.recent.isEmpty && before.allSatisfy { $0 != nil })  // the sample fills every shard

        for n in [3, 4] {
            try editTitle(paths.papers + "/" + ids[n])
            let rebuilt = SiteBuild.run(BuildOptions(siteFolder: site))
            #expect(rebuilt.incremental && rebuilt.written)
        }
        #expect(inodes() == before)
        let recent = PaperCache.read(folder)
        #expect(Set(recent.recent.keys) == [String(ids[3].dropLast(3)), String(ids[4].dropLast(3))])
        #expect(recent[String(ids[3].dropLast(3))]?.paper.title.hasPrefix("Edited: ") == true)
        // Each record's place, found by walking the shards beside the records: every record
        // kept, the edited ones in the recent file (their shards still hold them as they were),
        // and a record the cache has never seen in none.
        let records = RecordStore(folder: paths.papers).stampedIDs().map(\.id)
        let withNew = RecordStore.merging(["0-never-built"], into: records) { $0 }
        let shardOf = withNew.map(PaperCache.shard(of:))
        let places = recent.places(of: withNew, shardOf: shardOf)
        for (i, id) in withNew.enumerated() {
            let found = places[i].map { recent.entry($0, shard: shardOf[i]) }
            #expect(found?.paper.id == (id == "0-never-built" ? nil : id), "\(id)")
            let inRecent: Bool? = id == "0-never-built" ? nil : [ids[3], ids[4]].contains(id + ".md")
            #expect(places[i]?.recent == inRecent, "\(id)")
        }

        // One more than the limit made anew (the two above among them): the shards that hold
        // them are written, the others not, and the recent file goes.
        let edited = Array(ids.prefix(limit + 1))
        for id in edited where id != ids[3] && id != ids[4] { try editTitle(paths.papers + "/" + id) }
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).incremental)
        let shardsOfEdited = Set(edited.map { PaperCache.shard(of: String($0.dropLast(3))) })
        let after = inodes()
        #expect(Set((0..<PaperCache.shards).filter { before[$0] != after[$0] }) == shardsOfEdited)
        let written = PaperCache.read(folder)
        #expect(written.recent.isEmpty && !FileManager.default.fileExists(atPath: PaperCache.recentPath(folder)))
        #expect(written.counts.reduce(0, +) == ids.count && written[String(ids[0].dropLast(3))]?.paper.title.hasPrefix("Edited: ") == true)
        try IncrementalBuildTests().expectSameAsCleanBuild(site)
    }

    /// A shard cut short (a disk filled, a file damaged) holds nothing: its papers are parsed
    /// again, the site is as a clean build makes it, and the shard is written whole again.
    @Test func aDamagedShardIsReadAgainFromTheRecords() throws {
        let (site, paths, folder) = try builtSample()
        let ids = try FileManager.default.contentsOfDirectory(atPath: paths.papers).sorted().map { String($0.dropLast(3)) }
        let full = PaperCache.read(folder).counts
        let damaged = PaperCache.shard(of: ids[0])
        let shardFile = PaperCache.shardPath(folder, damaged)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: shardFile))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: shardFile))
        #expect(PaperCache.read(folder).counts[damaged] == 0)

        // A record in another shard edited, so that the build reads the records again.
        let other = try #require(ids.first { PaperCache.shard(of: $0) != damaged })
        try editTitle(paths.papers + "/" + other + ".md")
        let rebuilt = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(rebuilt.written && rebuilt.diagnostics.allSatisfy { $0.severity == .warning })
        // Its papers kept again, in the recent file (they are few).
        let again = PaperCache.read(folder)
        #expect(again.ids == Set(ids) && again.recent.count == full[damaged] + 1)
        try IncrementalBuildTests().expectSameAsCleanBuild(site)
    }

    /// Each paper's keys come back with it; keys another `digest` made (here, a shard whose
    /// entries name another) are made again, and kept again with them.
    @Test func keysComeBackAndAnotherDigestsAreMadeAgain() throws {
        let (site, paths, folder) = try builtSample()
        let ids = try FileManager.default.contentsOfDirectory(atPath: paths.papers).sorted().map { String($0.dropLast(3)) }
        let kept = PaperCache.read(folder)
        #expect(ids.allSatisfy { id in kept[id].map { $0.keys == PaperKeys($0.paper) } == true })

        let shard = PaperCache.shard(of: ids[0])
        let shardFile = PaperCache.shardPath(folder, shard)
        var bytes = try #require(FileBytes.read(shardFile))
        let (mine, anothers) = (Self.bytes(Program.key), Self.bytes(Program.key &+ 1))
        var named = 0
        for at in 0...(bytes.count - 8) where Array(bytes[at..<(at + 8)]) == mine {
            bytes.replaceSubrange(at..<(at + 8), with: anothers)
            named += 1
        }
        #expect(named == kept.counts[shard])
        try Data(bytes).write(to: URL(fileURLWithPath: shardFile))
        let read = PaperCache.read(folder)
        #expect(read.counts == kept.counts && ids.allSatisfy { (read[$0]?.keys == nil) == (PaperCache.shard(of: $0) == shard) })

        let other = try #require(ids.first { PaperCache.shard(of: $0) != shard })
        try editTitle(paths.papers + "/" + other + ".md")
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let again = PaperCache.read(folder)
        #expect(ids.allSatisfy { id in again[id].map { $0.keys == PaperKeys($0.paper) } == true })
        try IncrementalBuildTests().expectSameAsCleanBuild(site)
    }

    /// Papers another `digest` parsed are not taken: it may parse and check records otherwise
    /// (a record's tag warnings came with a later digest, and a cached paper kept none). Here
    /// every shard names another digest in its version line.
    @Test func papersAnotherDigestParsedAreParsedAgain() throws {
        let (site, paths, folder) = try builtSample()
        let full = PaperCache.read(folder).counts
        #expect(full.reduce(0, +) > 0 && PaperCache.version.hasSuffix(String(Program.key, radix: 16)))
        let another = PaperCache.version.dropLast(String(Program.key, radix: 16).count) + String(Program.key &+ 1, radix: 16)
        for shard in 0..<PaperCache.shards {
            let path = PaperCache.shardPath(folder, shard)
            guard var bytes = FileBytes.read(path) else { continue }
            bytes.replaceSubrange(0..<PaperCache.version.utf8.count, with: Array(another.utf8))
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        #expect(PaperCache.read(folder).counts.allSatisfy { $0 == 0 })
        // (An edit, so that the build reads the records: the build cache knows this digest.)
        let first = try #require(try FileManager.default.contentsOfDirectory(atPath: paths.papers).sorted().first)
        try editTitle(paths.papers + "/" + first)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).diagnostics.allSatisfy { $0.severity == .warning })
        #expect(PaperCache.read(folder).counts == full)
    }

    /// A record written again with the bytes it had, under a new stamp, is not parsed again:
    /// its paper is the one kept for those bytes (here one the cache was made to hold instead,
    /// so that it shows); other bytes are parsed.
    @Test func aRecordWithTheBytesItHadIsNotParsedAgain() throws {
        let (_, paths, folder) = try builtSample()
        let ids = try FileManager.default.contentsOfDirectory(atPath: paths.papers).sorted()
        let (id, record) = (String(ids[2].dropLast(3)), paths.papers + "/" + ids[2])
        let shard = PaperCache.shard(of: id)
        let kept = PaperCache.read(folder)
        let entry = try #require(kept[id])
        #expect(entry.file == RecordStore.fileKey(try Data(contentsOf: URL(fileURLWithPath: record))))
        var planted = entry.paper
        planted.facts.title = "Planted in the cache"
        let entries = kept.shards[shard].map(\.value).map {
            $0.paper.id == id ? PaperCache.Entry(stamp: $0.stamp, paper: planted, keys: $0.keys, file: $0.file, warnings: $0.warnings) : $0
        }
        var update = PaperCache.Update()
        (update.byShard[shard], update.changed) = (entries, [shard])
        PaperCache.write(update, to: folder)
        func loaded() -> Paper? {
            var diagnostics: [Diagnostic] = []
            let config = SiteLoader.config(paths, diagnostics: &diagnostics)!
            return SiteLoader.load(paths, config: config, cache: folder, diagnostics: &diagnostics).papers.first { $0.id == id }
        }
        #expect(loaded()?.title == "Planted in the cache")  // the same stamp: the file is not read

        try String(contentsOfFile: record, encoding: .utf8).write(toFile: record, atomically: true, encoding: .utf8)
        #expect(loaded()?.title == "Planted in the cache")  // read, the same bytes: not parsed
        try editTitle(record)
        #expect(loaded()?.title == "Edited: " + entry.paper.title)  // other bytes: parsed
    }

    static func bytes(_ value: UInt64) -> [UInt8] {
        var wire: [UInt8] = []
        value.write(to: &wire)
        return wire
    }

    /// The sample ingested and built (after `before`, given the site's paths), with its paper cache's folder.
    func builtSample(before: (SitePaths) throws -> Void = { _ in }) throws -> (site: String, paths: SitePaths, folder: String) {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        let paths = SitePaths(root: site)
        try before(paths)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        return (site, paths, PaperCache.path(paths))
    }

    /// A record's title begun with "Edited: ", the file replaced (a new inode).
    func editTitle(_ record: String) throws {
        try String(contentsOfFile: record, encoding: .utf8).replacingOccurrences(of: "title: \"", with: "title: \"Edited: ")
            .write(toFile: record, atomically: true, encoding: .utf8)
    }
}

extension PaperCache.Kept {
    /// The ids of the papers kept, in the shards or the recent file.
    var ids: Set<String> { Set(shards.flatMap { $0.map(\.key) }).union(recent.keys) }
}

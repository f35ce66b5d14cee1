import Foundation
import Testing
@testable import DigestCore

@Suite struct BuildCacheTests {
    /// What `save` writes, `load` reads back: hashes as hex digits (`String(_, radix: 16)`'s),
    /// in the order given, the previous site and its stale paths, the search index's mark, the
    /// other inputs' stamp, the records' key (none, an empty line) and the two sites' seals.
    @Test func aSavedCacheLoadsAsItWas() throws {
        let path = Fixtures.scratch("cache") + "/build.tsv"
        let outputs: [(path: String, hash: UInt64)] = [("index.html", 0), ("a/b/index.html", 1), ("feed.xml", 0xabc), ("sitemap.xml", .max), ("é/ü.html", 0x1000)]
        let cache = BuildCache(fingerprint: "f00", output: "/site/public", inputs: "1234", report: nil, outputs: OutputHashes(paths: outputs.map(\.path), hashes: outputs.map(\.hash)),
                               previous: "beef", stale: ["gone.html", "a/b/index.html"], searchMark: 0xfeed, others: "5678", records: 0xface,
                               sealed: 1_764_000_000_123_456_789, previousSealed: 1_763_000_000_000_000_001)
        try cache.save(path)
        #expect(BuildCache.load(path) == cache)
        var unkeyed = cache
        unkeyed.records = nil
        try unkeyed.save(path)
        #expect(BuildCache.load(path) == unkeyed)
        try cache.save(path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Array(lines[11..<16]) == outputs.map { "\(String($0.hash, radix: 16))\t\($0.path)"[...] })
        #expect(lines.contains("-\tgone.html") && lines[5] == "beef" && lines[6] == "feed")
        #expect(lines[7] == "5678" && lines[8] == "face")
        #expect(lines[9] == "187afca76f25cd15" && lines[10] == "18776f28c3038001")
    }

    /// The table is in the order the build made its outputs, which follows from the site: two
    /// clean builds of the same site write the same cache, but for when each sealed the site.
    @Test func theSameSiteWritesTheSameCache() throws {
        let site = try Fixtures.site(listings: [Fixtures.dailyPapers, Fixtures.posterSession])
        defer { try? FileManager.default.removeItem(atPath: site) }
        _ = Fixtures.ingest(site)
        var options = BuildOptions(siteFolder: site)
        options.clean = true
        var saved: [[UInt8]] = []
        for _ in 0..<2 {
            #expect(SiteBuild.run(options).written)
            var lines = (FileBytes.read(BuildCache.path(siteFolder: site, output: site + "/public")) ?? []).split(separator: 0x0A, omittingEmptySubsequences: false)
            #expect(lines.count > 11 && UInt64(String(decoding: lines[9], as: UTF8.self), radix: 16) ?? 0 > 0)
            lines.remove(at: 9)  // the seal
            saved.append(Array(lines.joined(separator: [0x0A])))
        }
        #expect(saved[0].count > 1000 && saved[0] == saved[1])
    }

    /// A rebuild finds each output's last hash at its position when the outputs are the same
    /// list, and by path when they are not; the paths no longer made are told apart.
    @Sendable static func collide(_ path: String) -> UInt64 { 7 }

    /// Paths are looked up by a hash of their bytes; paths whose hashes collide (here, all
    /// of them, `OutputHashes.Places`' own table) are found all the same.
    @Test(arguments: [false, true])
    func lastHashesAreFoundByPositionOrByPath(colliding: Bool) {
        let hash: @Sendable (String) -> UInt64 = colliding ? Self.collide : OutputHashes.pathHash
        let last = OutputHashes(paths: ["index.html", "papers/a/index.html", "papers/b/index.html", "feed.xml"], hashes: [1, 2, 3, 4])
        let same = last.matched(to: last.paths, hash: hash)
        #expect(same.hashes == [1, 2, 3, 4] && same.gone.isEmpty)
        let changed = last.matched(to: ["index.html", "papers/c/index.html", "papers/a/index.html", "feed.xml"], hash: hash)
        #expect(changed.hashes == [1, nil, 2, 4] && changed.gone == ["papers/b/index.html"])
        let movedPaths = ["papers/b/index.html", "index.html", "papers/a/index.html", "feed.xml", "tags/x/index.html"]
        let moved = last.matched(to: movedPaths, hash: hash)
        #expect(moved.hashes == [3, 1, 2, 4, nil] && moved.gone.isEmpty)
        // The outputs' hashes made by the caller find the same.
        #expect(last.matched(to: movedPaths, outputHashes: { movedPaths.map(hash) }, hash: hash) == moved)
        #expect(last.matched(to: ["feed.xml"], hash: hash) == ([4], ["index.html", "papers/a/index.html", "papers/b/index.html"]))
        #expect(last.matched(to: [], hash: hash).gone == last.paths && OutputHashes().matched(to: ["a"], hash: hash).hashes == [nil])
        // A damaged table naming a path twice: every path that is still made stays.
        let twice = OutputHashes(paths: ["index.html", "a", "b", "a", "c"], hashes: [1, 2, 3, 4, 5])
        #expect(twice.matched(to: ["index.html", "a", "c"], hash: hash) == ([1, 2, 5], ["b"]))
        #expect(twice.matched(to: ["c", "b", "a", "d"], hash: hash) == ([5, 3, 2, nil], ["index.html"]))
    }

    /// A build takes out the caches of output folders that are gone, and only those: another
    /// folder's that is still there, and a cache of another version, stay.
    @Test func aBuildRemovesTheCachesOfOutputFoldersThatAreGone() throws {
        let site = try Fixtures.site(listings: [Fixtures.dailyPapers])
        defer { try? FileManager.default.removeItem(atPath: site) }
        _ = Fixtures.ingest(site)
        let (kept, gone) = (site + "/kept", site + "/gone")
        for output in [kept, gone] { _ = SiteBuild.run(BuildOptions(siteFolder: site, output: output)) }
        let other = site + "/.digest-cache/build-0ld.tsv", relative = site + "/.digest-cache/build-re1.tsv"
        try Data("digest-build-cache 2\nf\n\(gone)\ni\n\n\n".utf8).write(to: URL(fileURLWithPath: other))
        try Data("\(BuildCache.version)\nf\ngone-from-here\ni\n\n\n".utf8).write(to: URL(fileURLWithPath: relative))
        for output in [kept, gone] { #expect(FileManager.default.fileExists(atPath: BuildCache.path(siteFolder: site, output: output))) }
        // Named absolute and standardised, as the same folder is from anywhere.
        #expect(BuildCache.output(of: BuildCache.path(siteFolder: site, output: gone)) == gone)
        _ = SiteBuild.run(BuildOptions(siteFolder: site, output: site + "/content/../kept"))
        #expect(BuildCache.output(of: BuildCache.path(siteFolder: site, output: kept)) == kept)

        try FileManager.default.removeItem(atPath: gone)
        let report = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(report.written)
        #expect(!FileManager.default.fileExists(atPath: BuildCache.path(siteFolder: site, output: gone)))
        #expect(FileManager.default.fileExists(atPath: BuildCache.path(siteFolder: site, output: kept)))
        #expect(FileManager.default.fileExists(atPath: BuildCache.path(siteFolder: site, output: site + "/public")))
        #expect(FileManager.default.fileExists(atPath: other) && FileManager.default.fileExists(atPath: relative))
    }

    /// Another cache of the folder a build writes — named another way by an earlier digest —
    /// goes when that folder is built again; its own stays.
    @Test func aBuildRemovesAnotherCacheOfItsOwnFolder() throws {
        let site = try Fixtures.site(listings: [Fixtures.dailyPapers])
        defer { try? FileManager.default.removeItem(atPath: site) }
        _ = Fixtures.ingest(site)
        var options = BuildOptions(siteFolder: site)
        _ = SiteBuild.run(options)
        let earlier = site + "/.digest-cache/build-ea71e7.tsv"
        try Data("\(BuildCache.version)\nf\n\(BuildCache.folder(site + "/public"))\ni\n\n\n".utf8).write(to: URL(fileURLWithPath: earlier))
        options.clean = true
        #expect(SiteBuild.run(options).written)
        #expect(!FileManager.default.fileExists(atPath: earlier))
        #expect(FileManager.default.fileExists(atPath: BuildCache.path(siteFolder: site, output: site + "/public")))
    }
}

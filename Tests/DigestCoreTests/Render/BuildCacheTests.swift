import Foundation
import Testing
@testable import DigestCore

@Suite struct BuildCacheTests {
    /// What `save` writes, `load` reads back: hashes as hex digits (`String(_, radix: 16)`'s),
    /// the previous site and its stale paths.
    @Test func aSavedCacheLoadsAsItWas() throws {
        let path = Fixtures.scratch("cache") + "/build.tsv"
        let hashes: [String: UInt64] = ["index.html": 0, "a/b/index.html": 1, "feed.xml": 0xabc, "sitemap.xml": .max, "é/ü.html": 0x1000]
        let cache = BuildCache(fingerprint: "f00", output: "/site/public", inputs: "1234", report: nil, hashes: hashes,
                               previous: "beef", stale: ["gone.html", "a/b/index.html"])
        try cache.save(path)
        #expect(BuildCache.load(path) == cache)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for (key, hash) in hashes { #expect(lines.contains("\(String(hash, radix: 16))\t\(key)"), "\(key)") }
        #expect(lines.contains("-\tgone.html") && lines[5] == "beef")
    }

    /// The table's lines come in the order of their paths whatever order the table was filled
    /// in, a shorter path before a longer one it begins: the same site, the same file.
    @Test func theTableIsInTheOrderOfItsPaths() throws {
        let paths = ["papers/b/index.html", "papers/a/index.html", "a", "a/b", "ab", "Z", "é/index.html", "e/index.html", "index.html"]
        var saved: [[UInt8]] = []
        for order in [paths, paths.reversed()] {
            var hashes: [String: UInt64] = [:]
            hashes.reserveCapacity(order.count == saved.count ? 64 : 16)
            for path in order { hashes[path] = UInt64(path.utf8.count) }
            let path = Fixtures.scratch("cache") + "/build.tsv"
            try BuildCache(fingerprint: "f", output: "o", inputs: "i", report: nil, hashes: hashes).save(path)
            saved.append([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        #expect(saved[0] == saved[1])
        let table = String(decoding: saved[0], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropFirst(6).dropLast().map { String($0.split(separator: "\t")[1]) }
        #expect(table == ["Z", "a", "a/b", "ab", "e/index.html", "index.html", "papers/a/index.html", "papers/b/index.html", "é/index.html"])
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

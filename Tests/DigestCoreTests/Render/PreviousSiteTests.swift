import Foundation
import Testing
@testable import DigestCore

/// A rebuild starts from the site before the current one, which the last rebuild kept
/// beside it (`SiteStaging`), and still gives the bytes of a clean build.
@Suite struct PreviousSiteTests {
    let incremental = IncrementalBuildTests()

    /// The kept previous sites beside the output `public` of `site`.
    func previousSites(_ site: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site).filter { $0.hasPrefix(".public.previous-") }.map { site + "/" + $0 }
    }

    func inode(_ path: String) throws -> UInt64 {
        try (FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    /// Edits the title of the `n`-th record (in name order).
    func editTitle(_ site: String, _ n: Int, to prefix: String) throws {
        let folder = site + "/content/papers/"
        let record = folder + (try FileManager.default.contentsOfDirectory(atPath: folder).sorted()[n])
        let text = try String(contentsOfFile: record, encoding: .utf8)
        try text.replacingOccurrences(of: "\ntitle: \"", with: "\ntitle: \"\(prefix) ").write(toFile: record, atomically: true, encoding: .utf8)
    }

    @Test func aRebuildStartsFromTheSiteTheLastRebuildKept() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        #expect(try previousSites(site).isEmpty)  // a full build keeps none
        try editTitle(site, 1, to: "First")
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).incremental)
        let kept = try previousSites(site)
        #expect(kept.count == 1)
        // The kept site's folders become the new site's: no folder made, no file linked.
        let folderInode = try inode(kept[0] + "/papers")
        try editTitle(site, 2, to: "Second")
        let report = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(report.incremental && report.rewritten > 0)
        #expect(try inode(site + "/public/papers") == folderInode)
        #expect(try previousSites(site).count == 1 && previousSites(site) != kept)
        try incremental.expectSameAsCleanBuild(site)
    }

    /// A file deleted by hand from the current site is in neither the kept site nor the list of
    /// paths where the two differ: the rebuild after next still finds it missing, and links it.
    @Test func aFileDeletedByHandIsNotLostTwoRebuildsLater() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        try editTitle(site, 1, to: "First")
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).incremental)
        // Files no edit of a title changes: an asset, a page, and a folder of pages (the
        // previous site is looked through for them before the pages are come to, on a thread
        // of its own: `PreviousSiteLookup`). The first two leave their folders, which are
        // looked into as changed since the build sealed the site (`SiteSeal`).
        let lost = ["assets/style.css", "authors/index.html", "sources/index.html"].map { site + "/public/" + $0 }
        for file in lost.prefix(2) { try FileManager.default.removeItem(atPath: file) }
        try FileManager.default.removeItem(atPath: FilePath.parent(of: lost[2]))
        try editTitle(site, 2, to: "Second")
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).incremental)
        try editTitle(site, 3, to: "Third")
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).incremental)
        for file in lost { #expect(FileManager.default.fileExists(atPath: file), "\(file)") }
        try incremental.expectSameAsCleanBuild(site)
    }

    /// A previous site the cache does not name (a build stopped before it saved its cache) is
    /// not started from, and goes.
    @Test func aPreviousSiteTheCacheDoesNotNameIsNotUsed() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let stray = site + "/.public.previous-feedface"
        try FileManager.default.copyItem(atPath: site + "/public", toPath: stray)
        try "stale".write(toFile: stray + "/index.html", atomically: true, encoding: .utf8)
        try editTitle(site, 1, to: "First")
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).incremental)
        #expect(!FileManager.default.fileExists(atPath: stray))
        try incremental.expectSameAsCleanBuild(site)
    }

    /// `digest serve` keeps a copy after a full build: its first rebuild starts from it.
    @Test func aSpareKeptAfterAFullBuildIsStartedFrom() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        SiteStaging.keepSpare(siteFolder: site, output: site + "/public")
        let kept = try previousSites(site)
        #expect(kept.count == 1)
        let folderInode = try inode(kept[0] + "/papers")
        try editTitle(site, 1, to: "First")
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).incremental)
        #expect(try inode(site + "/public/papers") == folderInode)
        try incremental.expectSameAsCleanBuild(site)
    }
}

import Foundation
import Testing
@testable import DigestCore

@Suite struct IncrementalBuildTests {
    func files(_ folder: String) throws -> [String: Data] {
        let paths = try FileManager.default.subpathsOfDirectory(atPath: folder)
        var out: [String: Data] = [:]
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                out[path] = FileManager.default.contents(atPath: folder + "/" + path)
            }
        }
        return out
    }

    /// The incremental result must equal, byte for byte, a clean build of the same records.
    func expectSameAsCleanBuild(_ site: String) throws {
        var clean = BuildOptions(siteFolder: site, output: site + "/clean-\(UUID().uuidString)")
        clean.clean = true
        #expect(SiteBuild.run(clean).written)
        let incremental = try files(site + "/public")
        let full = try files(clean.output!)
        #expect(incremental.keys.sorted() == full.keys.sorted())
        for (path, bytes) in full where incremental[path] != bytes { Issue.record("\(path) differs from a clean build") }
    }

    @Test func rebuildAfterEditsAdditionsAndDeletionsEqualsCleanBuild() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        let first = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(first.written && !first.incremental)

        let unchanged = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(unchanged.incremental && unchanged.rewritten == 0)

        // An edit: one title.
        let papers = site + "/content/papers/"
        let hyper = papers + "hyperattention-long-context-attention-in-near-linear-time.md"
        let text = try String(contentsOfFile: hyper, encoding: .utf8)
        try text.replacingOccurrences(of: "Near-Linear Time\"", with: "Near-Linear Time, Revisited\"").write(toFile: hyper, atomically: true, encoding: .utf8)
        let edited = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(edited.incremental && edited.rewritten > 0 && edited.rewritten < edited.total / 10)
        try expectSameAsCleanBuild(site)

        // An addition: a new listing's papers; and a deletion: one record gone.
        try FileManager.default.copyItem(atPath: Fixtures.listingsFolder + "/" + Fixtures.abstractList,
                                         toPath: site + "/content/listings/" + Fixtures.abstractList)
        _ = Fixtures.ingest(site)
        try FileManager.default.removeItem(atPath: papers + "pathologies-of-predictive-diversity-in-deep-ensembles.md")
        let changed = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(changed.incremental && changed.removed >= 1)
        #expect(!FileManager.default.fileExists(atPath: site + "/public/papers/pathologies-of-predictive-diversity-in-deep-ensembles"))
        try expectSameAsCleanBuild(site)
    }

    @Test func templateChangeRebuildsEverything() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        try FileManager.default.createDirectory(atPath: site + "/templates/assets", withIntermediateDirectories: true)
        try "body { color: black; }\n".write(toFile: site + "/templates/assets/style.css", atomically: true, encoding: .utf8)
        let report = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(!report.incremental)
        try expectSameAsCleanBuild(site)
    }
}

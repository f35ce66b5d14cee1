import Foundation
import Testing
@testable import DigestCore

/// A mistyped `-C` names no site: build and check say so, and a build makes no folder there
/// (it once wrote an empty site into a folder it made, and exited 0).
@Suite struct SiteFolderTests {
    @Test func aFolderThatIsNotThereIsNoSite() {
        let missing = Fixtures.scratch("no-site")
        #expect(SitePaths(root: missing).notASite?.description == "\(missing): error: no such folder")
        let report = SiteBuild.run(BuildOptions(siteFolder: missing))
        #expect(report.hasErrors && !report.written)
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(SiteCheck.run(siteFolder: missing).hasErrors)
    }

    @Test func aFolderWithNeitherSettingsNorContentIsNoSite() throws {
        let folder = Fixtures.scratch("not-a-site")
        try FileManager.default.createDirectory(atPath: folder + "/public", withIntermediateDirectories: true)
        #expect(SitePaths(root: folder).notASite?.description
            == "\(folder): error: not a site folder: it holds neither digest.yml nor content/ (digest init makes a site)")
        #expect(SiteBuild.run(BuildOptions(siteFolder: folder)).hasErrors)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/public").isEmpty)
    }

    /// Either is a site: settings alone (nothing ingested yet), or records without settings.
    @Test(arguments: ["digest.yml", "content/papers/a.md"])
    func settingsOrContentMakeASite(file: String) throws {
        let folder = Fixtures.scratch("site-by-" + FilePath.name(of: file))
        try FileManager.default.createDirectory(atPath: folder + "/" + FilePath.parent(of: file), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: folder + "/" + file, contents: Data()))
        #expect(SitePaths(root: folder).notASite == nil)
    }
}

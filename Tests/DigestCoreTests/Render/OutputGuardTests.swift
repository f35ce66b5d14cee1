import Foundation
import Testing
@testable import DigestCore

/// A build replaces its output folder whole, so an output that is the site, holds it, is one
/// of its inputs or is a folder of the user's is refused — and the folders a build may take
/// are not.
@Suite struct OutputGuardTests {
    /// A site folder with records, templates and settings, beside a folder of other files.
    static func site() throws -> (parent: String, site: SitePaths) {
        let parent = Fixtures.scratch("guard")
        for folder in ["site/content/papers", "site/templates", "mine", "empty", "built/search"] {
            try FileManager.default.createDirectory(atPath: parent + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["site/digest.yml", "site/content/papers/a.md", "mine/notes.txt", "built/" + SearchLayout.manifest] {
            #expect(FileManager.default.createFile(atPath: parent + "/" + file, contents: Data("x".utf8)))
        }
        return (parent, SitePaths(root: parent + "/site"))
    }

    @Test(arguments: [
        ("site", "is the site's own folder"), ("site/", "is the site's own folder"), ("site/content/..", "is the site's own folder"),
        ("", "holds the site's folder"), ("..", "holds the site's folder"),
        ("site/content", "is the site's content folder"), ("site/content/papers", "is inside the site's content folder"),
        ("site/content/new/x", "is inside the site's content folder"), ("site/public/../content", "is the site's content folder"),
        ("site/templates", "is the site's templates folder"), ("site/digest.yml", "is the site's settings file"),
        ("mine", "holds files that no build of a site wrote"), ("mine/notes.txt", "is a file, not a folder"),
    ])
    func refuses(output: String, because reason: String) throws {
        let (parent, site) = try Self.site()
        let refusal = OutputGuard.refusal(output: output.isEmpty ? parent : parent + "/" + output, site: site)
        #expect(refusal?.hasPrefix(reason) == true, "\(output): \(refusal ?? "taken")")
        #expect(FileManager.default.fileExists(atPath: parent + "/mine/notes.txt"))
    }

    @Test(arguments: ["site/public", "site/out/deep/site", "site/content2", "site-copy", "new", "empty", "built"])
    func takes(output: String) throws {
        let (parent, site) = try Self.site()
        #expect(OutputGuard.refusal(output: parent + "/" + output, site: site) == nil)
    }

    @Test func theRootHoldsEverySite() throws {
        #expect(OutputGuard.refusal(output: "/", site: try Self.site().site)?.hasPrefix("holds the site's folder") == true)
    }

    /// Named through a link, the site is still the site: paths are compared as the system
    /// resolves them.
    @Test func aLinkToTheSiteIsTheSite() throws {
        let (parent, site) = try Self.site()
        try FileManager.default.createSymbolicLink(atPath: parent + "/link", withDestinationPath: parent + "/site/content")
        #expect(OutputGuard.refusal(output: parent + "/link", site: site)?.hasPrefix("is the site's content folder") == true)
        #expect(OutputGuard.resolved(parent + "/link/papers/../new/") == OutputGuard.resolved(parent) + "/site/content/new")
    }

    /// A relative output is taken from the working folder, as the build writes it.
    @Test func aRelativePathIsFromTheWorkingFolder() {
        let here = FileManager.default.currentDirectoryPath
        #expect(OutputGuard.resolved("no-such-folder/x") == OutputGuard.resolved(here) + "/no-such-folder/x")
        #expect(OutputGuard.resolved(".") == OutputGuard.resolved(here))
    }

    /// The build says no before it writes, and leaves the records as they were.
    @Test func aBuildIntoTheRecordsWritesNothing() throws {
        let (_, site) = try Self.site()
        let report = SiteBuild.run(BuildOptions(siteFolder: site.root, output: site.papers))
        #expect(!report.written && report.hasErrors)
        #expect(report.render().hasPrefix(site.papers + ": error: is inside the site's content folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.papers) == ["a.md"])
    }

    /// An output that is a link is built at the folder it points to, which keeps the link: the
    /// link itself was replaced, and the folder it points to (the one served) left as it was.
    @Test func anOutputThatIsALinkIsBuiltWhereItPoints() throws {
        let site = try SiteCheckTests().site()
        let served = Fixtures.scratch("served")
        try FileManager.default.createSymbolicLink(atPath: site + "/public", withDestinationPath: served)
        #expect(OutputGuard.linkTarget(site + "/public") == served && OutputGuard.linkTarget(site) == nil)
        for _ in 0..<2 {
            let report = SiteBuild.run(BuildOptions(siteFolder: site, baseURL: "https://x.org/"))
            #expect(report.written && report.output == site + "/public")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site + "/public") == served)
            #expect(FileManager.default.fileExists(atPath: served + "/index.html"))
        }
        // A link to a folder not made yet: the site is made there.
        let later = Fixtures.scratch("later")
        try FileManager.default.createSymbolicLink(atPath: site + "/out", withDestinationPath: later)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site, output: site + "/out", baseURL: "https://x.org/")).written)
        #expect(FileManager.default.fileExists(atPath: later + "/index.html"))
    }
}

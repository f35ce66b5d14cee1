import Foundation
import Testing
@testable import DigestCore

/// Nothing from a listing or a file name becomes a path outside the site, and no link in the
/// site is followed out of it.
@Suite struct SiteBoundaryTests {
    @Test func traversalInAListingStaysASlug() throws {
        let site = try Fixtures.site(listings: [])
        let listing = site + "/content/listings/p.txt"
        try """
        Poster
        ../../../../etc/x
        A Writer · B Writer
        We study what happens when a title tries to climb out of the folder it is written to, and find it cannot.
        /etc/passwd
        C Writer · D Writer
        A second title that is an absolute path must stay a file name in the site's own folder of records.
        """.write(toFile: listing, atomically: true, encoding: .utf8)
        let report = Fixtures.ingest(site)
        #expect(!report.hasErrors)
        let ids = RecordStore(folder: site + "/content/papers").ids()
        #expect(ids == ["etc-passwd", "etc-x"])
        #expect(try Fixtures.record(site, "etc-x").string("title") == "../../../../etc/x")
        let build = SiteBuild.run(BuildOptions(siteFolder: site, output: site + "/public"))
        #expect(build.written)
        #expect(FileManager.default.fileExists(atPath: site + "/public/papers/etc-x/index.html"))
        #expect(!FileManager.default.fileExists(atPath: site + "/etc") && !FileManager.default.fileExists(atPath: site + "/public/etc"))
    }

    /// A record that is not UTF-8 is not built, and the error says where, or what the file
    /// seems to be: one Latin-1 byte in a title, or the whole record saved as UTF-16.
    @Test func aRecordNotUTF8IsSaidWithWhereAndWhatItSeems() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractList])
        _ = Fixtures.ingest(site)
        let papers = site + "/content/papers/"
        let (first, second) = try { let ids = try FileManager.default.contentsOfDirectory(atPath: papers).sorted(); return (ids[0], ids[1]) }()
        var latin1 = try [UInt8](Data(contentsOf: URL(fileURLWithPath: papers + first)))
        let titleAt = Array("---\ntitle: ".utf8)
        try #require(latin1.starts(with: titleAt))  // line 2 is the title
        latin1.insert(0xE9, at: titleAt.count)  // `é` in Latin-1
        try Data(latin1).write(to: URL(fileURLWithPath: papers + first))
        let text = try String(contentsOfFile: papers + second, encoding: .utf8)
        try #require(text.data(using: .utf16)).write(to: URL(fileURLWithPath: papers + second))
        let build = SiteBuild.run(BuildOptions(siteFolder: site, output: site + "/public"))
        #expect(build.diagnostics.filter { $0.severity == .error }.map(\.description) == [
            papers + first + ":2: error: the record is not UTF-8 text: this line has a byte that is not; save it as UTF-8",
            papers + second + ": error: the record is not UTF-8 text but UTF-16LE, it seems (its byte order mark says so); save it as UTF-8",
        ])
        #expect(build.counts["papers"] == 8)  // the other eight are built
    }

    @Test func recordFileNamesMustBeSlugs() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractList])
        _ = Fixtures.ingest(site)
        let papers = site + "/content/papers"
        let first = try FileManager.default.contentsOfDirectory(atPath: papers).sorted()[0]
        try FileManager.default.moveItem(atPath: papers + "/" + first, toPath: papers + "/My <Paper>.md")
        let build = SiteBuild.run(BuildOptions(siteFolder: site, output: site + "/public"))
        let error = try #require(build.diagnostics.first { $0.severity == .error })
        #expect(error.file.hasSuffix("My <Paper>.md") && error.message.contains("rename it to my-paper.md"))
        #expect(build.counts["papers"] == 9)  // the other nine are built
    }

    @Test func linksInTheSiteAreNotFollowed() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractList])
        let outside = Fixtures.scratch("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data(Fixtures.bytes(Fixtures.abstractListNoHeader)).write(to: URL(fileURLWithPath: outside + "/secret.txt"))
        try "---\ntitle: \"Secret\"\n---\nSecret text.\n".write(toFile: outside + "/secret.md", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site + "/content/listings/linked.txt", withDestinationPath: outside + "/secret.txt")
        let ingest = Fixtures.ingest(site)
        #expect(ingest.allDiagnostics.contains { $0.file.hasSuffix("linked.txt") && $0.message.contains("symbolic link") })
        #expect(ingest.distinctPapers == 10)  // the real listing alone
        try FileManager.default.createSymbolicLink(atPath: site + "/content/papers/secret.md", withDestinationPath: outside + "/secret.md")
        let build = SiteBuild.run(BuildOptions(siteFolder: site, output: site + "/public"))
        #expect(build.diagnostics.contains { $0.file.hasSuffix("secret.md") && $0.message.contains("symbolic link") })
        #expect(!FileManager.default.fileExists(atPath: site + "/public/papers/secret/index.html"))
    }
}

import Foundation
import Testing
@testable import DigestCore

/// The listing files an ingest is given: a listing is kept in the site under its name, so two
/// different listings of one name cannot both be read, and that is said, not done in silence.
@Suite struct ListingFilesTests {
    /// Two folders, each with a listing named `new.txt`: the real abstract list in one, the
    /// real poster session in the other; and a folder with no listing in it.
    static func folders() throws -> String {
        let root = Fixtures.scratch("listing-files")
        for folder in ["a", "b", "same", "none/sub"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try Data(Fixtures.bytes(Fixtures.abstractList)).write(to: URL(fileURLWithPath: root + "/a/new.txt"))
        try Data(Fixtures.bytes(Fixtures.posterSession)).write(to: URL(fileURLWithPath: root + "/b/new.txt"))
        try Data(Fixtures.bytes(Fixtures.abstractList)).write(to: URL(fileURLWithPath: root + "/same/new.txt"))
        return root
    }

    @Test func aSecondListingOfTheSameNameIsAnError() throws {
        let root = try Self.folders()
        var diagnostics: [Diagnostic] = []
        let files = ListingFiles.expand([root + "/a/new.txt", root + "/b"], diagnostics: &diagnostics)
        #expect(files.map(\.path) == [root + "/a/new.txt"])
        #expect(diagnostics.map(\.description) == [
            "\(root)/b/new.txt: error: another listing named new.txt is read already (\(root)/a/new.txt), and listings are kept by name; rename one of them",
        ])
    }

    /// The same bytes under the same name are one listing named twice: read once, no error.
    @Test func theSameListingNamedTwiceIsReadOnce() throws {
        let root = try Self.folders()
        var diagnostics: [Diagnostic] = []
        let files = ListingFiles.expand([root + "/a", root + "/same/new.txt", root + "/a/new.txt"], diagnostics: &diagnostics)
        #expect(files.map(\.path) == [root + "/a/new.txt"] && diagnostics.isEmpty)
    }

    /// A folder with no file directly in it (its listings one folder down, say) is a warning.
    @Test func aFolderWithNoListingIsAWarning() throws {
        let root = try Self.folders()
        var diagnostics: [Diagnostic] = []
        #expect(ListingFiles.expand([root + "/none"], diagnostics: &diagnostics).isEmpty)
        #expect(diagnostics.map(\.description) == [
            "\(root)/none: warning: no listing in this folder (the files directly in it are read, not those in its folders)",
        ])
    }

    /// Through the whole ingest: the error is counted, the exit status says so, and the first
    /// listing's papers are written.
    @Test func anIngestOfBothReadsTheFirstAndFails() throws {
        let root = try Self.folders()
        let site = try Fixtures.site(listings: [])
        let report = Fixtures.ingest(site, paths: [root + "/a/new.txt", root + "/b/new.txt"])
        #expect(report.hasErrors)
        #expect(report.allDiagnostics.contains { $0.file == root + "/b/new.txt" && $0.severity == .error })
        #expect(try FileManager.default.contentsOfDirectory(atPath: site + "/content/listings") == ["new.txt"])
        #expect(try !FileManager.default.contentsOfDirectory(atPath: site + "/content/papers").isEmpty)
    }

    /// A listing saved as UTF-16 is said to be that, not "not a listing"; the same listing in
    /// UTF-8 with a stray NUL is read.
    @Test func aListingInUTF16IsSaidToBeUTF16() throws {
        let site = try Fixtures.site(listings: [])
        let text = String(decoding: Fixtures.bytes(Fixtures.abstractListNoHeader), as: UTF8.self)
        try #require(text.data(using: .utf16)).write(to: URL(fileURLWithPath: site + "/content/listings/utf16.txt"))
        try Data(Array("\u{0}".utf8) + Fixtures.bytes(Fixtures.abstractListNoHeader)).write(to: URL(fileURLWithPath: site + "/content/listings/nul.txt"))
        let report = Fixtures.ingest(site)
        #expect(report.allDiagnostics.filter { $0.severity == .error }.map(\.description) == [
            site + "/content/listings/utf16.txt: error: not UTF-8 text but UTF-16, it seems (half its bytes are NUL); save the listing as UTF-8",
        ])
        #expect((report.listings.first { $0.name == "nul.txt" }?.entries ?? 0) > 0)
    }
}

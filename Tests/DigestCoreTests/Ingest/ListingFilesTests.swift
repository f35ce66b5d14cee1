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

    /// A listing saved as UTF-16 or Windows-1252 makes the records its UTF-8 text makes, byte
    /// for byte, and ingest says what it was read as; the same listing in UTF-8 with a stray NUL
    /// is read as UTF-8.
    @Test func aListingInUTF16OrWindows1252MakesTheRecordsOfItsUTF8() throws {
        let (windows1252, utf8) = try ListingEncodingTests.posterSessionInWindows1252()
        let text = String(decoding: utf8, as: UTF8.self)
        var sites: [String] = []
        for bytes in [utf8, windows1252, [UInt8](try #require(text.data(using: .utf16))), [UInt8](try #require(text.data(using: .utf16BigEndian)))] {
            let site = try Fixtures.site(listings: [])
            try Data(bytes).write(to: URL(fileURLWithPath: site + "/content/listings/p.txt"))
            let report = Fixtures.ingest(site)
            #expect(report.listings.first?.entries == 285 && !report.hasErrors)
            sites.append(site)
        }
        let records = Fixtures.snapshot(sites[0])
        #expect(records.count == 285)
        for site in sites.dropFirst() { #expect(Fixtures.snapshot(site) == records) }
        let warnings = sites.map { site in Fixtures.ingest(site).allDiagnostics.filter { $0.line == nil && $0.severity == .warning }.map(\.description) }
        let p = { (site: String) in site + "/content/listings/p.txt: warning: read as " }
        #expect(warnings == [[],
            [p(sites[1]) + "Windows-1252, not UTF-8 (its bytes are not UTF-8, and none of them makes a UTF-8 character); save the listing as UTF-8 to be sure it reads as meant"],
            [p(sites[2]) + "UTF-16LE, not UTF-8 (its byte order mark says so); save the listing as UTF-8 to be sure it reads as meant"],
            [p(sites[3]) + "UTF-16BE, not UTF-8 (a quarter or more of its opening bytes are NUL); save the listing as UTF-8 to be sure it reads as meant"]])

        let site = try Fixtures.site(listings: [])
        try Data(Array("\u{0}".utf8) + Fixtures.bytes(Fixtures.abstractListNoHeader)).write(to: URL(fileURLWithPath: site + "/content/listings/nul.txt"))
        let report = Fixtures.ingest(site)
        #expect((report.listings.first?.entries ?? 0) > 0 && report.allDiagnostics.isEmpty)
    }

    /// UTF-16 that does not decode, and a listing no format matches with lines that are not
    /// UTF-8, are errors that say so.
    @Test func undecodableTextIsSaid() throws {
        let site = try Fixtures.site(listings: [])
        let text = String(decoding: Fixtures.bytes(Fixtures.abstractListNoHeader), as: UTF8.self)
        try Data([UInt8](try #require(text.data(using: .utf16))) + [0x0A]).write(to: URL(fileURLWithPath: site + "/content/listings/odd.txt"))
        // The real poster session in Windows-1252 with one UTF-8 line pasted in: read as UTF-8
        // (a file with a UTF-8 character is not taken for Windows-1252), no line is authors.
        let broken = try ListingEncodingTests.posterSessionInWindows1252().bytes + "Gérard Biau\n".utf8
        try Data(broken).write(to: URL(fileURLWithPath: site + "/content/listings/broken.txt"))
        let report = Fixtures.ingest(site)
        #expect(report.allDiagnostics.map(\.description) == [
            site + "/content/listings/broken.txt: error: not a listing: it matches none of the formats (abstract list, daily papers page, poster session); use --format to force one; its line 5 is not UTF-8, nor are 310 more",
            site + "/content/listings/odd.txt: error: not UTF-8 text but UTF-16LE, it seems (its byte order mark says so), and not whole UTF-16LE either; save the listing as UTF-8",
        ])
    }
}

import Foundation
import Testing
@testable import DigestCore

/// A rebuild counts a folder of a site changed before the build sealed it as that build left
/// it (`SiteSeal`); a folder changed since, or not there, is looked into.
@Suite struct SiteSealTests {
    func changed(_ path: String) -> UInt64 {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        return UInt64(info.st_ctim.tv_sec) * 1_000_000_000 + UInt64(info.st_ctim.tv_nsec)
    }

    /// A folder with a page, sealed after it was made: the seal is after the folder's change
    /// time. (Sealed again until the clock's step has passed: a file system's times move in
    /// steps, and a seal in the step of the folder's change does not count it as left.)
    func sealedSite() throws -> (root: String, fd: Int32, seal: UInt64) {
        let root = Fixtures.scratch("seal")
        try FileManager.default.createDirectory(atPath: root + "/papers/a", withIntermediateDirectories: true)
        for file in ["papers/a/index.html", "index.html"] { try "page".write(toFile: root + "/" + file, atomically: false, encoding: .utf8) }
        let fd = open(root, O_RDONLY | O_DIRECTORY)
        var seal: UInt64 = 0
        for _ in 0..<1000 where seal <= changed(root + "/papers/a") {
            usleep(1000)
            seal = SiteSeal.take(in: fd)
        }
        #expect(seal > changed(root + "/papers/a"))
        return (root, fd, seal)
    }

    @Test func aFolderChangedBeforeTheSealIsLeftAsMade() throws {
        let (root, fd, seal) = try sealedSite()
        defer { close(fd) }
        #expect(!FileManager.default.fileExists(atPath: root + "/" + SiteSeal.probe))
        #expect(SiteSeal.leftAsMade(folderOf: "papers/a/index.html", in: fd, seal: seal))
        // A file at the root (whose folder the seal's own file changed), no seal, no folder.
        #expect(!SiteSeal.leftAsMade(folderOf: "index.html", in: fd, seal: seal))
        #expect(!SiteSeal.leftAsMade(folderOf: "papers/a/index.html", in: fd, seal: 0))
        #expect(!SiteSeal.leftAsMade(folderOf: "papers/b/index.html", in: fd, seal: seal))
    }

    /// A page's file deleted by hand after the seal, its folder left: the folder is looked into.
    @Test func aFolderChangedAfterTheSealIsNot() throws {
        let (root, fd, seal) = try sealedSite()
        defer { close(fd) }
        try FileManager.default.removeItem(atPath: root + "/papers/a/index.html")
        #expect(!SiteSeal.leftAsMade(folderOf: "papers/a/index.html", in: fd, seal: seal))
        let listing = FolderListing()
        #expect(!listing.has(at: 0, "papers/a/index.html", in: fd, seal: seal))
    }

    /// A page's folder replaced by a link to a folder left as made is not taken for it.
    @Test func aLinkToAFolderIsNotLeftAsMade() throws {
        let (root, fd, seal) = try sealedSite()
        defer { close(fd) }
        try FileManager.default.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: false)
        try FileManager.default.moveItem(atPath: root + "/papers/a", toPath: root + "/elsewhere/a")
        try FileManager.default.createSymbolicLink(atPath: root + "/papers/a", withDestinationPath: root + "/elsewhere/a")
        #expect(!SiteSeal.leftAsMade(folderOf: "papers/a/index.html", in: fd, seal: seal))
    }

    /// A seal after the machine's now (its clock set back since) is not trusted.
    @Test func aSealInTheFutureIsNotTrusted() {
        let now = UInt64(Date().timeIntervalSince1970 * 1e9)
        #expect(SiteSeal.trusted(now - 1_000_000_000) == now - 1_000_000_000)
        #expect(SiteSeal.trusted(now + 3_600_000_000_000) == 0)
    }
}

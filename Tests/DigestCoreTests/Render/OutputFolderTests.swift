import Foundation
import Testing
@testable import DigestCore

@Suite struct OutputFolderTests {
    /// Folders are made as `mkdir -p` makes them, and one already there is no failure.
    @Test func aPagesFoldersAreMade() throws {
        let root = NSTemporaryDirectory() + "output-folder-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(OutputFolder.writeNew(Array("x".utf8), to: root + "/papers/a/index.html") == 0)
        #expect(OutputFolder.makeParent(of: root + "/papers/b/index.html"))
        #expect(OutputFolder.makeParent(of: root + "/papers/b/index.html"))
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: root + "/papers/b", isDirectory: &isFolder) && isFolder.boolValue)
        #expect(FileManager.default.contents(atPath: root + "/papers/a/index.html") == Data("x".utf8))
    }

    /// A file that cannot be written says why, and the build's error names it where the site
    /// would have it (not in the staging folder, which is gone by then), with the reason and
    /// the count of the others: here a file stands where a page's folder must be.
    @Test func aWriteThatFailsSaysWhy() throws {
        let root = Fixtures.scratch("unwritable")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(OutputFolder.writeNew(Array("x".utf8), to: root + "/papers") == 0)
        let error = OutputFolder.writeNew(Array("x".utf8), to: root + "/papers/a/index.html")
        #expect(error == ENOTDIR)
        #expect(SiteBuild.writeFailure(("papers/a/index.html", error), of: 3, output: "site/public").description
            == "site/public/papers/a/index.html: error: cannot write: Not a directory (and 2 more)")
        #expect(SiteBuild.writeFailure(("404.html", ENOSPC), of: 1, output: "public").description
            == "public/404.html: error: cannot write: No space left on device")
    }

    /// The trash is deleted by one `rm` at a time: while another holds the lock on the site's
    /// folder (here, this test), a build starts none; once it is let go, the next build's does.
    @Test func oneDeletionOfTheTrashAtATime() throws {
        let root = Fixtures.scratch("trash")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let trash = root + "/.public.trash-1-0"
        for n in 0..<3 { #expect(OutputFolder.writeNew(Array("x".utf8), to: trash + "/papers/\(n)/index.html") == 0) }
        func gone() -> Bool {
            for _ in 0..<100 where FileManager.default.fileExists(atPath: trash) { usleep(50_000) }  // up to 5 s
            return !FileManager.default.fileExists(atPath: trash)
        }
        let folder = OutputFolder(target: root + "/public")
        let lock = open(root, O_RDONLY | O_DIRECTORY)
        #expect(flock(lock, LOCK_EX | LOCK_NB) == 0)
        folder.emptyTrash()
        usleep(500_000)
        #expect(FileManager.default.fileExists(atPath: trash + "/papers/2/index.html"))
        close(lock)
        folder.emptyTrash()
        #expect(gone())
    }
}

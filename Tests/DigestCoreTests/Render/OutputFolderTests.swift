import Foundation
import Testing
@testable import DigestCore

@Suite struct OutputFolderTests {
    /// A page's folder, as NSString names it, for the paths a build writes.
    @Test(arguments: ["/tmp/site.staging/papers/a-b/index.html", "public/index.html", "/index.html", "index.html", "/a"])
    func aPathsFolderIsWhatNSStringSays(path: String) {
        #expect(OutputFolder.parent(of: path) == (path as NSString).deletingLastPathComponent)
    }

    /// Folders are made as `mkdir -p` makes them, and one already there is no failure.
    @Test func aPagesFoldersAreMade() throws {
        let root = NSTemporaryDirectory() + "output-folder-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(OutputFolder.writeNew(Array("x".utf8), to: root + "/papers/a/index.html"))
        #expect(OutputFolder.makeParent(of: root + "/papers/b/index.html"))
        #expect(OutputFolder.makeParent(of: root + "/papers/b/index.html"))
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: root + "/papers/b", isDirectory: &isFolder) && isFolder.boolValue)
        #expect(FileManager.default.contents(atPath: root + "/papers/a/index.html") == Data("x".utf8))
    }

    /// The trash is deleted by one `rm` at a time: while another holds the lock on the site's
    /// folder (here, this test), a build starts none; once it is let go, the next build's does.
    @Test func oneDeletionOfTheTrashAtATime() throws {
        let root = Fixtures.scratch("trash")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let trash = root + "/.public.trash-1-0"
        for n in 0..<3 { #expect(OutputFolder.writeNew(Array("x".utf8), to: trash + "/papers/\(n)/index.html")) }
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

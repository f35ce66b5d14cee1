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
}

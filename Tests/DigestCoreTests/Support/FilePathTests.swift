import Foundation
import Testing
@testable import DigestCore

/// A path's folder and name split as `dirname` and `basename` split them, one-letter names
/// included (Foundation's `deletingLastPathComponent` stops the process on those).
@Suite struct FilePathTests {
    static let cases: [(path: String, parent: String, name: String)] = [
        ("x", "", "x"), ("public", "", "public"), ("x/", "", "x"), ("out/x", "out", "x"),
        ("/x", "/", "x"), ("/", "/", "/"), ("a/b/", "a", "b"), ("a//b", "a", "b"),
        ("/srv/site/public", "/srv/site", "public"), ("papers/p/index.html", "papers/p", "index.html"),
        ("./x", ".", "x"), ("é/ü", "é", "ü"),
    ]

    @Test(arguments: cases) func splitsAsDirnameAndBasename(_ c: (path: String, parent: String, name: String)) {
        #expect(FilePath.parent(of: c.path) == c.parent)
        #expect(FilePath.name(of: c.path) == c.name)
    }

    /// As NSString splits them, where it does not stop the process (names of two letters or more).
    @Test(arguments: ["/tmp/site.staging/papers/a-b/index.html", "public/index.html", "/index.html", "index.html", "/a", "ab", "ab/", "/a/bc/"])
    func asNSStringSplitsThem(path: String) {
        #expect(FilePath.parent(of: path) == (path as NSString).deletingLastPathComponent)
        #expect(FilePath.name(of: path) == (path as NSString).lastPathComponent)
    }

    /// The output folder `x` (a bare one-letter name) is made beside it, in the working folder.
    @Test func aOneLetterOutputFolderIsStagedBesideIt() {
        let folder = OutputFolder(target: "x")
        #expect(folder.parent == "." && folder.name == "x")
        #expect(folder.staging.hasPrefix("./.x.building-"))
    }
}

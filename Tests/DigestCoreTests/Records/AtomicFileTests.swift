import Foundation
import Testing
@testable import DigestCore

@Suite struct AtomicFileTests {
    /// The file gets the new bytes whole, over the old ones, and no temporary file is left
    /// beside it (the temporary one is named from the path, cut at its last slash).
    @Test func replacesTheFileAndLeavesNothingElse() throws {
        let folder = Fixtures.scratch("atomic") + "/a.b"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/paper.md"
        try AtomicFile.write("old\n", to: path)
        try AtomicFile.write("new bytes\n", to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("new bytes\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["paper.md"])
    }

    /// A folder that is not there is a `WriteError` naming the file, and nothing is written.
    @Test func aMissingFolderIsAnErrorNamingTheFile() {
        let path = Fixtures.scratch("atomic") + "/missing/paper.md"
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

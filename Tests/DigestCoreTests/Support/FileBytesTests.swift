import Foundation
import Testing
@testable import DigestCore

@Suite struct FileBytesTests {
    /// A file's bytes whole — empty, small, or larger than one read of a pipe's or a page's
    /// size — and nothing for a path that is not a regular file.
    @Test func aFileReadsAsItsBytes() throws {
        let folder = Fixtures.scratch("bytes")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for size in [0, 1, 4095, 4096, 3_000_001] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ size) }
            let path = folder + "/\(size).bin"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(FileBytes.read(path) == bytes, "\(size) bytes")
        }
        #expect(FileBytes.read(folder + "/missing.bin") == nil)
        #expect(FileBytes.read(folder) == nil)
    }
}

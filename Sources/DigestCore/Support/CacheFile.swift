import Foundation

/// A cache in `.digest-cache/`: a version line, then `WireValue` bytes. A file of another
/// version, or none, reads as nothing; it is written whole or not at all (`AtomicFile`).
enum CacheFile {
    static func read(_ path: String, version: String) -> WireReader? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let header = Array(version.utf8) + [0x0A]
        guard data.starts(with: header) else { return nil }
        return WireReader(bytes: [UInt8](data), at: header.count)
    }

    static func write(_ path: String, version: String, _ body: (inout [UInt8]) -> Void) {
        var wire = Array(version.utf8) + [0x0A]
        body(&wire)
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? AtomicFile.write(wire, to: path)
    }
}

extension FileStamp: WireValue {
    func write(to wire: inout [UInt8]) { for field in fields { field.write(to: &wire) } }

    static func read(from wire: inout WireReader) -> FileStamp? {
        guard let inode = UInt64.read(from: &wire), let size = UInt64.read(from: &wire),
              let modified = UInt64.read(from: &wire), let changed = UInt64.read(from: &wire) else { return nil }
        return FileStamp(inode: inode, size: size, modified: modified, changed: changed)
    }
}

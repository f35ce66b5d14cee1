import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that a reader — or a crash — sees the old bytes or the new, never a mix:
/// the bytes go to a temporary file in the same folder and are renamed over the old file.
/// There is no fsync: rename is atomic against a killed or crashed process, which is the
/// failure a build or ingest meets; surviving power loss would cost ~0.5 ms a file.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { put in try bytes.withUnsafeBytes { try put($0) } }
    }

    /// The file's bytes as `body` hands them to `put`, piece by piece: a cache of a hundred MB
    /// goes to the file from the arrays that hold it, not from a copy of it all.
    static func write(to path: String, _ body: (_ put: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        // `.NAME.PID.tmp` beside the file. Cut at the last slash by hand: NSString's path
        // methods were a tenth of writing a record.
        let utf8 = path.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let temp = String(concatenating: path[..<nameStart], ".", path[nameStart...], ".", String(getpid())[...], ".tmp")
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        do {
            try body { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
                    offset += written
                }
            }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        close(fd)
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw WriteError(path: path, reason: reason)
        }
    }
}

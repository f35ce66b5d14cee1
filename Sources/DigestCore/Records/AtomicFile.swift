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
        // `.NAME.PID.tmp` beside the file. Cut at the last slash by hand: NSString's path
        // methods were a tenth of writing a record.
        let utf8 = path.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let temp = String(path[..<nameStart]) + "." + path[nameStart...] + ".\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temp)
                throw WriteError(path: path, reason: reason)
            }
            offset += written
        }
        close(fd)
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw WriteError(path: path, reason: reason)
        }
    }
}

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
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temp = (folder.isEmpty ? "." : folder) + "/.\(name).\(getpid()).tmp"
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

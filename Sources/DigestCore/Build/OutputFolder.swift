import CDigestSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole site beside the old one and swaps it in, so that the output folder holds
/// the previous site or the new one, never a mix, whenever the build stops.
struct OutputFolder {
    let target: String
    let staging: String

    init(target: String) {
        self.target = target
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        staging = (parent.isEmpty ? "." : parent) + "/.\(name).building-\(getpid())"
    }

    func prepare() throws {
        try? FileManager.default.removeItem(atPath: staging)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
    }

    /// Creates the folders the given files go in, below `root`.
    static func makeFolders(for paths: [String], in root: String) throws {
        let folders = Set(paths.map { ($0 as NSString).deletingLastPathComponent }).filter { !$0.isEmpty }.sorted()
        for folder in folders {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
    }

    /// Writes a new file (in the staging folder nothing reads, so no temporary is needed).
    static func writeNew(_ bytes: [UInt8], to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    /// Puts the new site in place of the old with one atomic exchange where the system has
    /// it (Linux `renameat2`), else two renames.
    /// The old site is left at `staging` (after an exchange) or `staging.old`, for `removeOld`.
    func swapIn() throws {
        if FileManager.default.fileExists(atPath: target) {
            if digest_exchange_paths(staging, target) == 0 { return }
            let old = staging + ".old"
            guard rename(target, old) == 0 else { throw AtomicFile.WriteError(path: target, reason: String(cString: strerror(errno))) }
            guard rename(staging, target) == 0 else { throw AtomicFile.WriteError(path: target, reason: String(cString: strerror(errno))) }
        } else {
            guard rename(staging, target) == 0 else { throw AtomicFile.WriteError(path: target, reason: String(cString: strerror(errno))) }
        }
    }

    func discard() { try? FileManager.default.removeItem(atPath: staging) }

    /// Deletes the previous site, its top-level folders in parallel: on a file system mounted
    /// with `discard` deleting tens of thousands of files is slower than writing them.
    func removeOld() {
        for old in [staging, staging + ".old"] where FileManager.default.fileExists(atPath: old) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: old)) ?? []
            DispatchQueue.concurrentPerform(iterations: entries.count) { i in
                try? FileManager.default.removeItem(atPath: old + "/" + entries[i])
            }
            try? FileManager.default.removeItem(atPath: old)
        }
    }
}


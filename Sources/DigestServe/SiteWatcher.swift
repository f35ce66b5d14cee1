import Foundation

/// What `digest serve` watches: the listings, the records, the templates and `digest.yml`,
/// as each file's size and modification time. Polling, not inotify: it works the same on
/// every file system, and a snapshot of a few thousand files takes milliseconds.
struct SiteWatcher: Sendable {
    struct Stamp: Equatable, Sendable {
        var size: Int64
        var modified: Int64
    }

    let root: String
    static let folders = ["content/listings", "content/papers", "templates"]

    func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for folder in Self.folders {
            let base = root + "/" + folder
            guard let walker = FileManager.default.enumerator(atPath: base) else { continue }
            while let name = walker.nextObject() as? String {
                if let stamp = Self.stamp(base + "/" + name) { stamps[folder + "/" + name] = stamp }
            }
        }
        if let stamp = Self.stamp(root + "/digest.yml") { stamps["digest.yml"] = stamp }
        return stamps
    }

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Stamp(size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// The files that differ between two snapshots.
    static func changes(from old: [String: Stamp], to new: [String: Stamp]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}

import DigestCore
import Foundation

/// What `digest serve` watches: the listings, the records, the templates and `digest.yml`.
/// Told by the kernel as they change (`FolderEvents`): polling every file's size and time four
/// times a second, as this did first, kept a core 85% busy on a 100k-paper site while nothing
/// changed (a snapshot of 100k stamps took about half a second) and saw an edit 0.25–0.75 s
/// late. Where the kernel gives no inotify, it polls so, as often as `interval` says.
final class SiteWatcher {
    static let folders = ["content/listings", recordsFolder, "templates"]
    static let files = ["digest.yml"]

    let root: String
    private let events: FolderEvents?
    /// The last snapshot, and what changed since the last take, when polling.
    private var last: [String: Stamp] = [:]
    private var pending = Set<String>()

    /// (`polling`: polls though the kernel would tell, as where it cannot.)
    init(root: String, polling: Bool = false) {
        self.root = root
        events = polling ? nil : FolderEvents(root: root, trees: Self.folders, files: Self.files)
        if events == nil { last = snapshot() }
    }

    /// How long to wait between two looks: a look costs next to nothing with the kernel
    /// telling, a snapshot of every file when polling.
    var interval: Duration { events == nil ? .milliseconds(250) : .milliseconds(50) }

    /// Takes in what changed since the last look; whether anything did.
    func look() -> Bool {
        if let events { return events.look() }
        let now = snapshot()
        defer { last = now }
        let changed = Self.changes(from: last, to: now)
        pending.formUnion(changed)
        return !changed.isEmpty
    }

    /// The watched paths changed since the last take (relative to the root, sorted): files, or
    /// a folder when what is in it may all have changed.
    func take() -> [String] {
        if let events { return events.take() }
        defer { pending = [] }
        return pending.sorted()
    }

    /// Lets go of the pending changes to paths `unwanted` picks (the records an ingest wrote).
    func drop(where unwanted: (String) -> Bool) {
        if let events { return events.drop(where: unwanted) }
        pending = pending.filter { !unwanted($0) }
    }

    /// Whether a change is to a listing or to `digest.yml`: the records are ingested again.
    static func needsIngest(_ changed: [String]) -> Bool {
        changed.contains { $0 == "content/listings" || $0.hasPrefix("content/listings/") || files.contains($0) }
    }

    /// Whether a change is to a record (which an ingest writes).
    static func isRecord(_ path: String) -> Bool {
        path == recordsFolder || path.hasPrefix(recordsFolder + "/")
    }

    private static let recordsFolder = "content/papers"

    /// The records' stamps after the `changed` paths: those of the files changed in the records'
    /// folder stamped again; every record's when the folder itself changed (made, moved, or
    /// events were lost).
    static func records(_ stamps: RecordStamps, after changed: [String], siteFolder: String) -> RecordStamps {
        if changed.contains(recordsFolder) { return RecordStamps(siteFolder: siteFolder) }
        return stamps.updated(changed.lazy.filter { $0.hasPrefix(recordsFolder + "/") }.map { String($0.dropFirst(recordsFolder.count + 1)) }.filter { !$0.contains("/") })
    }

    // MARK: Polling

    struct Stamp: Equatable, Sendable {
        var size: Int64
        var modified: Int64
    }

    func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for folder in Self.folders {
            let base = root + "/" + folder
            guard let walker = FileManager.default.enumerator(atPath: base) else { continue }
            while let name = walker.nextObject() as? String {
                if let stamp = Self.stamp(base + "/" + name) { stamps[folder + "/" + name] = stamp }
            }
        }
        for file in Self.files { if let stamp = Self.stamp(root + "/" + file) { stamps[file] = stamp } }
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

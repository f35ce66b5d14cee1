import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files changed under some folders of a root, told by the kernel (inotify) as they change:
/// what `digest serve` watches without reading every file's stamp again and again.
///
/// Each watched folder is watched with every folder in it (inotify watches one folder, not
/// what is below it: a folder made later is watched as it comes, and the files already in it
/// by then are told as changed). The folders between the root and a watched one are watched
/// too, for that folder only, so one made after the watch started (`templates/`, made for the
/// first template) is watched from then on.
final class FolderEvents {
    private let events: Int32
    private let root: String
    /// The folders watched with everything in them, and the files of the root watched, relative to it.
    private let trees: [String]
    private let files: Set<String>
    /// Each watch's folder, relative to the root ("": the root).
    private var folders: [Int32: String] = [:]
    /// The paths changed since the last `take`, and of them the files made since then: one
    /// made and gone again before it is taken (an editor's or `sed -i`'s file written beside a
    /// record, then renamed over it) is no change.
    private var pending = Set<String>()
    private var made = Set<String>()
    /// What the kernel's events are read into (a look every 50 ms).
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// A file written and closed, moved in or out, made (a hard link is only that), deleted,
    /// or touched. (Not each write: the close after them.)
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB)

    /// Nil when the kernel gives no inotify (or not a watch of the root).
    init?(root: String, trees: [String], files: [String]) {
        events = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard events >= 0 else { return nil }
        (self.root, self.trees, self.files) = (root, trees, Set(files))
        guard watch("") else {
            close(events)
            return nil
        }
        for tree in trees { watchDown(to: tree, telling: false) }
    }

    deinit { close(events) }

    /// Reads what the kernel told since the last look into the changes pending; whether it
    /// told anything. Never waits.
    func look() -> Bool {
        var told = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(events, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }  // EAGAIN: nothing more
            told = true
            buffer.withUnsafeBytes { bytes in
                var at = 0
                while at + MemoryLayout<inotify_event>.size <= count {
                    let event = bytes.loadUnaligned(fromByteOffset: at, as: inotify_event.self)
                    let nameStart = at + MemoryLayout<inotify_event>.size
                    let name = bytes[nameStart..<min(count, nameStart + Int(event.len))].prefix { $0 != 0 }
                    at = nameStart + Int(event.len)
                    took(event, name: String(decoding: name, as: UTF8.self))
                }
            }
        }
        return told
    }

    /// The paths (relative to the root) of the files and folders changed since the last take,
    /// sorted; a watched folder's own path when events were lost and anything in it may have
    /// changed.
    func take() -> [String] {
        defer { (pending, made) = ([], []) }
        return pending.sorted()
    }

    /// Lets go of the pending changes to paths `unwanted` picks.
    func drop(where unwanted: (String) -> Bool) {
        pending = pending.filter { !unwanted($0) }
        made = made.filter { !unwanted($0) }
    }

    private func took(_ event: inotify_event, name: String) {
        if event.mask & UInt32(IN_Q_OVERFLOW) != 0 { return pending.formUnion(trees + files) }
        if event.mask & UInt32(IN_IGNORED) != 0 { return folders[event.wd] = nil }  // its folder went
        guard let folder = folders[event.wd], !name.isEmpty else { return }
        let path = folder.isEmpty ? name : folder + "/" + name
        let isFolder = event.mask & UInt32(IN_ISDIR) != 0
        let came = event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
        let went = event.mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0
        // A folder moved away is no longer watched where it was: a watch follows the folder,
        // and would tell its files' changes under the path it had. (Deleted, the kernel ends its
        // watches itself: `IN_IGNORED`.)
        if isFolder && event.mask & UInt32(IN_MOVED_FROM) != 0 { unwatch(below: path) }
        if inTree(path) || files.contains(path) {
            if went && made.remove(path) != nil {
                pending.remove(path)
            } else {
                // (Made where nothing was pending: a record deleted, then a file made in its place
                // and gone again, is still a record deleted.)
                if !isFolder && event.mask & UInt32(IN_CREATE) != 0 && !pending.contains(path) { made.insert(path) }
                pending.insert(path)
            }
            if isFolder && came { watchAll(path) }
        } else if isFolder && came {
            // A folder on the way to a watched one, or it, made (or moved in) after the start.
            for tree in trees where tree == path || tree.hasPrefix(path + "/") {
                watchDown(to: tree)
            }
        }
    }

    private func inTree(_ path: String) -> Bool {
        trees.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// Watches the folders from the root down to `tree`, and `tree` with all in it (its files
    /// pending when `telling`); false when `tree` is not there (yet).
    @discardableResult
    private func watchDown(to tree: String, telling: Bool = true) -> Bool {
        var folder = ""
        for part in tree.split(separator: "/") {
            folder = folder.isEmpty ? String(part) : folder + "/" + part
            if folder == tree { break }
            guard watch(folder) else { return false }
        }
        return watchAll(tree, telling: telling)
    }

    /// Watches `folder` and every folder in it; the files found in them are changes pending
    /// when `telling` (a folder moved in, or made and filled before its watch was set). False
    /// when `folder` cannot be watched. (Told from the folders' entries, without a stat of each file: the
    /// records' folder of a 100k-paper site is read in milliseconds.)
    @discardableResult
    private func watchAll(_ folder: String, telling: Bool = true) -> Bool {
        guard watch(folder) else { return false }
        guard let listing = opendir(root + "/" + folder) else { return true }
        defer { closedir(listing) }
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != "." && name != ".." else { continue }
            let path = folder + "/" + name
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {  // (a file system that does not say)
                var info = stat()
                isFolder = stat(root + "/" + path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder { watchAll(path, telling: telling) } else if telling { pending.insert(path) }
        }
        return true
    }

    private func unwatch(below folder: String) {
        for (watch, path) in folders where path == folder || path.hasPrefix(folder + "/") {
            inotify_rm_watch(events, watch)
            folders[watch] = nil
        }
    }

    private func watch(_ folder: String) -> Bool {
        let path = folder.isEmpty ? root : root + "/" + folder
        let watch = inotify_add_watch(events, path, Self.mask | UInt32(IN_ONLYDIR))
        guard watch >= 0 else { return false }
        folders[watch] = folder
        return true
    }
}

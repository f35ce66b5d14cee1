import Foundation

/// A file as `stat` tells it: inode, size, modification and change times. Any write — in
/// place or by renaming a new file over it, by digest or by hand — changes the stamp, and the
/// change time cannot be set back, so an equal stamp means the same bytes. Cheaper than reading
/// the file: caches that must notice changes to 100k records compare stamps.
struct FileStamp: Equatable, Hashable, Sendable {
    let inode, size, modified, changed: UInt64

    init(inode: UInt64, size: UInt64, modified: UInt64, changed: UInt64) {
        (self.inode, self.size, self.modified, self.changed) = (inode, size, modified, changed)
    }

    /// The entry itself (a link, not what it points to).
    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The entry `name` of an open `folder`, itself (a link, not what it points to): a name
    /// looked up from its folder, not a path walked from the working directory — the records'
    /// stamps are 100k lookups in every rebuild at 100k papers.
    init?(_ name: UnsafePointer<CChar>, in folder: Int32) {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        self.init(info)
    }

    private init(_ info: stat) {
        func nanoseconds(_ t: timespec) -> UInt64 { UInt64(truncatingIfNeeded: t.tv_sec) &* 1_000_000_000 &+ UInt64(truncatingIfNeeded: t.tv_nsec) }
        self.init(inode: UInt64(info.st_ino), size: UInt64(truncatingIfNeeded: info.st_size),
                  modified: nanoseconds(info.st_mtim), changed: nanoseconds(info.st_ctim))
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// When a build finished writing a site's folder, as that folder's file system tells time: the
/// change time (ctime) of a file made in it after the site's last file, in nanoseconds; 0 for
/// none known. The build cache keeps it for the current site and the previous one.
///
/// Adding, removing or renaming an entry of a folder sets the folder's change time to the time
/// of the change, and no one can set a change time back. So a folder of the site whose change
/// time is before the seal holds what the build left in it. A page has a folder of its own
/// (`papers/<id>/index.html`): a rebuild finds each of the last build's pages in a site by
/// its folder alone, one name looked up where the file's path was two. Each name looked up
/// walks a chain of the kernel's table of names, which a 100k-paper site crowds (1.3M names
/// in the site, its previous one and its records): 1.2 µs a name on this machine, the 270k
/// files looked for after each edit 0.58 s of its 2.3 CPU-seconds.
///
/// Taken from the file system itself, not the process's clock: a network file system's times
/// are its server's. Its times are truncated to its own steps (1 s on some), so a folder
/// changed in the step of the seal is not counted as left as made. A clock set back since the
/// seal (the machine's now before it) leaves the seal unknown.
enum SiteSeal {
    /// The name of the file made to read the time: it is taken out again at once.
    static let probe = ".digest-seal"

    /// The seal of the folder open as `folder`, taken now: after the last file the build puts
    /// in it, before the folder becomes the site. 0 when it cannot be made, or when the file
    /// system does not keep change times as the seal needs (the folder's, once the file is
    /// taken out of it, is not at least the file's: some FUSE file systems give 0 for all).
    static func take(in folder: Int32) -> UInt64 {
        unlinkat(folder, probe, 0)
        let file = openat(folder, probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard file >= 0 else { return 0 }
        var made = stat(), after = stat()
        let stated = fstat(file, &made) == 0
        close(file)
        guard unlinkat(folder, probe, 0) == 0, stated, fstat(folder, &after) == 0 else { return 0 }
        let seal = nanoseconds(made.st_ctim)
        return seal > 0 && nanoseconds(after.st_ctim) >= seal ? seal : 0
    }

    /// `seal` as a build cache kept it, or 0 when the machine's clock is now before it (set back).
    static func trusted(_ seal: UInt64) -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return seal <= nanoseconds(now) ? seal : 0
    }

    /// Whether the folder `path` is in (from the open `root`) is a folder left as the build
    /// sealed at `seal` made it: there, itself (not a link), and changed before the seal.
    /// False for a file at the root, which the seal's own file changed.
    static func leftAsMade(folderOf path: String, in root: Int32, seal: UInt64) -> Bool {
        guard seal > 0 else { return false }
        return path.withUTF8Bytes { bytes in
            guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash > 0 else { return false }
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: slash + 1) { name in
                // (The folder's part of the path made a C string in place: no String for each page.)
                UnsafeMutableRawBufferPointer(name).copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<slash])))
                name[slash] = 0
                var info = stat()
                guard fstatat(root, name.baseAddress!, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
                return nanoseconds(info.st_ctim) < seal
            }
        }
    }

    /// Whether the file open as `file` is one a build sealed at `seal` left as it is: a file
    /// `size` bytes long, changed last (its content, or its links) before the seal. A file
    /// written over in place keeps its folder's time but not its own.
    static func leftAsMade(file: Int32, size: Int, seal: UInt64) -> Bool {
        var info = stat()
        guard seal > 0, fstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size == size else { return false }
        return nanoseconds(info.st_ctim) < seal
    }

    private static func nanoseconds(_ time: timespec) -> UInt64 {
        UInt64(truncatingIfNeeded: time.tv_sec) &* 1_000_000_000 &+ UInt64(truncatingIfNeeded: time.tv_nsec)
    }
}

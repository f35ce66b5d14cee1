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
        let parent = FilePath.parent(of: target)
        let name = FilePath.name(of: target)
        staging = (parent.isEmpty ? "." : parent) + "/.\(name).building-\(getpid())"
    }

    var parent: String { FilePath.parent(of: staging) }
    var name: String { FilePath.name(of: target) }

    /// The staging folder: the previous site kept as `previous` names it (true), or else an
    /// empty folder. Staging folders that builds stopped by a kill or a crash left behind
    /// (their process is gone) and previous sites other than that one go to the trash first.
    func prepare(reusing previous: String? = nil) throws -> Bool {
        let building = "." + name + ".building-"
        let kept = "." + name + ".previous-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] {
            if entry.hasPrefix(building) {
                let pid = Int32(entry.dropFirst(building.count).prefix { $0.isNumber }) ?? 0
                if pid == getpid() || pid <= 0 || kill(pid, 0) != 0 { discard(parent + "/" + entry) }
            } else if entry.hasPrefix(kept) && entry.dropFirst(kept.count) != previous ?? "" {
                discard(parent + "/" + entry)
            }
        }
        if let previous, !previous.isEmpty, rename(previousPath(previous), staging) == 0 { return true }
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        return false
    }

    /// Where the previous site that `keepPrevious` named `token` is kept.
    func previousPath(_ token: String) -> String { parent + "/." + name + ".previous-" + token }

    /// After `swapIn`, the site that was current is kept beside the new one for the next
    /// rebuild to start from, under a name of its own that the build cache records (a folder
    /// left by a build that stopped before saving its cache is not taken for it). Nil when
    /// there was no site before.
    func keepPrevious() -> String? {
        let token = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        for old in [staging, staging + ".old"] where rename(old, previousPath(token)) == 0 {
            return token
        }
        return nil
    }

    /// Whether every one of `paths` is in the site, looked for on every core, in runs of
    /// paths, each from the site's folder: a build with nothing changed looks for every file
    /// it wrote (350k at 100k papers), and one task and one absolute path per file were half
    /// of that build's time. A folder holding many of them is read whole (`FolderListing`).
    /// `seal`: when the build that wrote them sealed the site (`SiteSeal`; 0: unknown).
    func holds(_ paths: [String], seal: UInt64 = 0) -> Bool {
        guard !paths.isEmpty else { return true }
        let seal = SiteSeal.trusted(seal)
        let folder = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return false }
        defer { close(folder) }
        let listed = FolderListing(of: paths, in: folder)
        return !ParallelMap.batched(paths.count) { listed.has(at: $0, paths[$0], in: folder, seal: seal) }.contains(false)
    }

    /// Whether there is a file at `path`, from an open folder. (Its bytes passed as they are:
    /// a String given to a C function is copied into an array made for the call, a malloc and
    /// a free for each of 350k outputs at 100k papers.)
    static func isThere(_ path: String, in folder: Int32) -> Bool {
        path.withCString { faccessat(folder, $0, F_OK, 0) == 0 }
    }

    // Paths below are relative to an open folder (`in`, `from`) or, by default, to the working
    // directory or absolute. A build looks up each of its 350k files (at 100k papers) from the
    // site's folder, not from the root: a lookup costs the kernel a step per folder on the way.

    /// A hard link: the new site shares the unchanged file with the current one, no bytes
    /// copied. Files in staging are only ever written new (`writeNew` creates, never opens an
    /// existing file), so the live site's files are never touched.
    static func link(_ existing: String, to path: String, from source: Int32 = AT_FDCWD, in folder: Int32 = AT_FDCWD) -> Bool {
        if linkat(source, existing, folder, path, 0) == 0 { return true }
        return errno == ENOENT && makeParent(of: path, in: folder) && linkat(source, existing, folder, path, 0) == 0
    }

    /// Creates the folders `path` goes in, as `mkdir -p` would; true when they are there.
    /// Each page makes its own folder as it is written, in whichever process renders it;
    /// another process making the same folder at the same moment is no failure.
    static func makeParent(of path: String, in folder: Int32 = AT_FDCWD) -> Bool {
        let parent = FilePath.parent(of: path)
        guard !parent.isEmpty else { return false }
        if mkdirat(folder, parent, 0o755) == 0 || errno == EEXIST { return true }
        guard errno == ENOENT, makeParent(of: parent, in: folder) else { return false }
        return mkdirat(folder, parent, 0o755) == 0 || errno == EEXIST
    }

    /// Writes a new file (in the staging folder nothing reads, so no temporary is needed):
    /// 0, or the error (`errno`) that stopped it, which the build names (a full disk, or a
    /// file system out of inodes, fails every write after the first).
    static func writeNew(_ bytes: [UInt8], to path: String, in folder: Int32 = AT_FDCWD) -> Int32 {
        bytes.withUnsafeBytes { writeNew($0, to: path, in: folder) }
    }

    /// The same for a page's text, written from its own UTF-8 storage rather than a copy.
    static func writeNew(_ text: String, to path: String, in folder: Int32 = AT_FDCWD) -> Int32 {
        var text = text
        return text.withUTF8 { writeNew(UnsafeRawBufferPointer($0), to: path, in: folder) }
    }

    static func writeNew(_ buffer: UnsafeRawBufferPointer, to path: String, in folder: Int32 = AT_FDCWD) -> Int32 {
        var fd = openat(folder, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0, errno == ENOENT {
            guard makeParent(of: path, in: folder) else { return errno }
            fd = openat(folder, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 { return errno }
            if n == 0 { return EIO }
            offset += n
        }
        return 0
    }

    /// Puts the new site in place of the old with one atomic exchange where the system has
    /// it (Linux `renameat2`), else two renames.
    /// The old site is left at `staging` (after an exchange) or `staging.old`, for `discard`.
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

    /// The staging folder of a build that failed, or the previous site after the swap, goes to
    /// the trash: a rename, at once. Deleting tens of thousands of files and folders takes
    /// seconds (10 s for 26k pages on a disk mounted with `discard`), so `emptyTrash` does it
    /// while the next build is busy loading and modelling.
    func discard(_ folder: String? = nil) {
        for old in folder.map({ [$0] }) ?? [staging, staging + ".old"] where FileManager.default.fileExists(atPath: old) {
            var n = 0
            while rename(old, parent + "/.\(name).trash-\(getpid())-\(n)") != 0 {
                n += 1
                if errno != EEXIST && errno != ENOTEMPTY || n > 100 { Self.removeTree(old); break }
            }
        }
    }

    /// Deletes what earlier builds put in the trash in a process of its own (`rm -rf`, started
    /// through a shell that exits at once): the build neither waits for it nor shares a lock
    /// with it — a thread deleting files while the build forks its render workers could leave
    /// a worker with a lock held forever. A trash folder half deleted when a build starts again
    /// is simply deleted again. It runs at the lowest CPU priority (`nice -n 19`): on two cores
    /// an `rm` of the last 10k-paper site took 0.13–0.25 s from the next build's load stage;
    /// niced, it uses what the build leaves idle and finishes after it if it must.
    /// One deletion at a time, holding a lock (`flock`) on the folder the site is in: a whole
    /// site in the trash (after a full build, two) takes longer than a rebuild, and each
    /// rebuild meanwhile started another `rm` of the same folders — four at once took 70% of
    /// a core from the builds, racing each other. Trash put there while one runs waits for
    /// the next build.
    func emptyTrash() {
        let prefix = "." + name + ".trash-"
        let trash = ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter { $0.hasPrefix(prefix) }
        guard !trash.isEmpty else { return }
        let script = """
            { exec 9<"$0"; if ! command -v flock >/dev/null || flock -n 9; then nice -n 19 rm -rf -- "$@" || rm -rf -- "$@"; fi; } 2>/dev/null &
            """
        let arguments = ["/bin/sh", "-c", script, parent] + trash.map { parent + "/" + $0 }
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 else {
            for entry in trash { Self.removeTree(parent + "/" + entry) }
            return
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// Top-level folders in parallel.
    static func removeTree(_ folder: String) {
        guard FileManager.default.fileExists(atPath: folder) else { return }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        DispatchQueue.concurrentPerform(iterations: entries.count) { i in
            try? FileManager.default.removeItem(atPath: folder + "/" + entries[i])
        }
        try? FileManager.default.removeItem(atPath: folder)
    }
}


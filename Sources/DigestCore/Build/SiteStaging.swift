import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How the new site's files get into the staging folder. A full build starts from an empty
/// folder and writes every file. A rebuild starts from the site before the current one, kept
/// beside it by the last rebuild (`OutputFolder.keepPrevious`): that folder already holds every
/// file that did not change in the last build, so only the files the last build or this one
/// changed are linked or written — not the hundreds of thousands a large site has, each a
/// hard link and its folder, then deleted with the old site. Without that folder, a rebuild
/// links every unchanged file from the current site.
public struct SiteStaging: Sendable {
    /// The staging folder started as the previous site…
    let reused: Bool
    /// …which differs from the current one in these paths (written or removed by the last build).
    let stale: PathSet
    /// The current site (the output folder) and the folder the new one is made in, open: their
    /// files are looked up from them (see `OutputFolder.link`).
    private let open: OpenFolders
    /// The folders of a reused staging folder that hold many of the files to keep, each with
    /// the names it has (`FolderListing`).
    private let listed: FolderListing
    /// The files of the last build that the previous site was found without, when it was
    /// looked through before the staging folder was made of it (`missing`): a file to keep
    /// is then not looked up again.
    private let missing: PathSet?
    /// Each output's `OutputHashes.pathHash`, by its place among `outputs`, when the paths
    /// are looked for among the stale ones: made once, for `keep` and `staleGone` both (each
    /// made its own, for each of 351k outputs at 100k papers).
    private let pathHashes: [UInt64]?

    /// `outputs`: the paths of the files the build makes, in its order (pages first, then the
    /// others, sorted), which `keep` and `staleGone` name files by: the folders holding many
    /// of them are read whole, when the staging folder is reused and was not looked through
    /// already (`missing`: those of the last build's files it did not have).
    /// (`pathHashes`: each output's `OutputHashes.pathHash`, made by the caller, asked for when
    /// they are needed.)
    init(current: String, staging: String, reused: Bool, stale: Set<String>, outputs: [String] = [], pathHashes made: (() -> [UInt64])? = nil,
         missing: [String]? = nil) {
        (self.reused, self.stale) = (reused, PathSet(stale))
        open = OpenFolders(current: current, staging: staging)
        self.missing = reused ? missing.map { PathSet(Set($0)) } : nil
        listed = reused && missing == nil ? FolderListing(of: outputs, in: open.staging) : FolderListing()
        pathHashes = reused && (!stale.isEmpty || !(missing ?? []).isEmpty) ? made?() ?? OutputHashes.pathHashes(outputs) : nil
    }

    /// The file, unchanged since the current site, into the new one: false when neither the
    /// previous site nor the current one has it. (`output`: its place among the `outputs`
    /// the staging was made with. Its `path` is asked for only when its place does not tell
    /// that the folder holds it already, `holdsAlready`: most of a rebuild's outputs.)
    func keep(_ path: @autoclosure () -> String, page: Bool = false, output: Int? = nil) -> Bool {
        if let output, holdsAlready(output: output) { return true }
        let path = path()
        guard reused else {
            if page { _ = OutputFolder.makeParent(of: path, in: open.staging) }
            return OutputFolder.link(path, to: path, from: open.current, in: open.staging)
        }
        // (Its path hashed only when a set it is looked for in has paths, once made for all.)
        let made = output.flatMap { pathHashes?[$0] }
        func isIn(_ set: PathSet) -> Bool { set.contains(path, hash: made ?? OutputHashes.pathHash(path)) }
        // (Looking it up finds a file deleted from the site by hand since it was current.)
        if !isIn(stale) && (missing.map { !isIn($0) } ?? output.map { listed.has(at: $0, path, in: open.staging) } ?? OutputFolder.isThere(path, in: open.staging)) { return true }
        unlinkat(open.staging, path, 0)
        return OutputFolder.link(path, to: path, from: open.current, in: open.staging)
    }

    /// Whether `keep` would find the output at `output` (its place among the `outputs`) in the
    /// staging folder already, told by its path's hash alone: a reused folder looked through
    /// (`missing`) holds every file of the last build but the stale and the missing ones. False
    /// when that does not tell (`keep` then asks with the path). A rebuild keeps most of its
    /// outputs as they are — 260k pages of 270k after a listing at 100k papers — and each
    /// asked with its path, a String to retain (a cold line), to hash or to look up.
    func holdsAlready(output: Int) -> Bool {
        guard reused, let missing else { return false }
        guard let pathHashes else { return stale.isEmpty && missing.isEmpty }  // (made whenever either has paths)
        let hash = pathHashes[output]
        return !stale.mayContain(hash: hash) && !missing.mayContain(hash: hash)
    }

    /// A changed file: never written into the previous site's file, which may be a hard link
    /// to the current site's, but as a new file in its place.
    /// (`page`: the path is a page's, `…/index.html`, in a folder of its own, which in a
    /// folder started empty is not there yet: it is made first, rather than after a failed
    /// open or link — 255k of each at 100k papers.)
    /// 0, or the error that stopped it (`OutputFolder.writeNew`).
    func write(_ bytes: [UInt8], _ path: String, page: Bool = false) -> Int32 {
        OutputFolder.writeNew(bytes, to: place(path, page: page), in: open.staging)
    }

    /// A page's text, the same way.
    func write(_ text: String, _ path: String, page: Bool = false) -> Int32 {
        OutputFolder.writeNew(text, to: place(path, page: page), in: open.staging)
    }

    /// The current site's file at `path` as the build that sealed the site at `seal` left it,
    /// `size` bytes long (`SiteSeal.leftAsMade(file:)`); nil when it is not that, or cannot be read.
    func current(_ path: String, size: Int, seal: UInt64) -> [UInt8]? {
        let file = path.withCString { openat(open.current, $0, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
        guard file >= 0 else { return nil }
        defer { close(file) }
        guard SiteSeal.leftAsMade(file: file, size: size, seal: seal), let bytes = FileBytes.contents(file, size: size) else { return nil }
        return bytes.count == size ? bytes : nil
    }

    /// Where a changed file goes (from the staging folder), made ready for it.
    private func place(_ path: String, page: Bool) -> String {
        if reused { unlinkat(open.staging, path, 0) } else if page { _ = OutputFolder.makeParent(of: path, in: open.staging) }
        return path
    }

    /// The stale paths the new site does not have, of its `outputs` (those the staging was
    /// made with).
    func staleGone(_ outputs: [String]) -> Set<String> {
        guard !stale.isEmpty else { return [] }
        let stillThere = ParallelMap.batched(outputs.count) { i in stale.contains(outputs[i], hash: pathHashes?[i] ?? OutputHashes.pathHash(outputs[i])) }
        return stale.paths.subtracting(outputs.indices.lazy.filter { stillThere[$0] }.map { outputs[$0] })
    }

    /// The staging folder sealed (`SiteSeal`), once the new site's last file is in it.
    func seal() -> UInt64 {
        SiteSeal.take(in: open.staging)
    }

    /// Takes out of a reused folder what the new site does not have: the files the previous
    /// site or the current one had, with the folders that leaves empty (a clean build makes none).
    func remove(_ paths: [String]) {
        guard reused else { return }
        _ = ParallelMap.batched(paths.count, batch: 256) { i in
            var path = paths[i]
            guard unlinkat(open.staging, path, 0) == 0 else { return }
            while let slash = path.lastIndex(of: "/") {
                path = String(path[..<slash])
                if unlinkat(open.staging, path, AT_REMOVEDIR) != 0 { break }
            }
        }
    }
}

/// The current site's folder and the staging folder, open for as long as a `SiteStaging` has
/// them (render workers, forked, have their own copies), closed with the last. A folder that
/// cannot be opened is -1: every call on it fails, as a path into it would.
private final class OpenFolders: Sendable {
    let current: Int32
    let staging: Int32

    init(current: String, staging: String) {
        self.current = open(current, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        self.staging = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    deinit {
        for folder in [current, staging] where folder >= 0 { close(folder) }
    }
}

extension SiteStaging {
    /// After a full build, which keeps no previous site, a copy of the site in hard links is
    /// kept as one, the same as the site (no stale paths), so that the next rebuild too starts
    /// from it. `digest serve` makes it while it waits for the first change.
    public static func keepSpare(siteFolder: String, output: String) {
        let cachePath = BuildCache.path(siteFolder: siteFolder, output: output)
        let folder = OutputFolder(target: output)
        guard var cache = BuildCache.load(cachePath), cache.previous.isEmpty, (try? folder.prepare()) != nil else { return }
        let paths = cache.outputs.paths
        let copy = SiteStaging(current: output, staging: folder.staging, reused: false, stale: [])
        _ = ParallelMap.batched(paths.count, batch: 256) { copy.keep(paths[$0]) }
        let sealed = copy.seal()
        guard let token = folder.keepPrevious() else { return folder.discard() }
        (cache.previous, cache.stale, cache.previousSealed) = (token, [], sealed)
        try? cache.save(cachePath)
    }
}

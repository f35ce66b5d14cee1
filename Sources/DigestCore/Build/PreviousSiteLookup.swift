import CDigestSys
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The last build's files looked for in the previous site, which a rebuild makes the new site
/// from (`SiteStaging`): a file it lost (deleted by hand while it was the site) is linked again
/// from the current site. Looked up as each page was kept, 270k lookups at 100k papers took
/// 0.4–0.55 s on two cores (the path walks of a kernel whose table of names is crowded), most of
/// an edit's last stage, while the stages before it left a core idle for about as long.
/// So a thread at the lowest priority (nice 19) starts on them as soon as the build cache names
/// the previous site, taking runs of paths in turn; when the build needs the answer, every core
/// takes the runs still left. A build that finds nothing changed, or makes a full build, calls
/// the lookup off (`cancel`).
final class PreviousSiteLookup: @unchecked Sendable {
    private let paths: [String]
    private let folder: Int32
    /// Whether each path was found, by its place (each written once, by whichever thread took its run).
    private let found: UnsafeMutableBufferPointer<Bool>
    /// The next run's first place, and how many paths are looked up.
    private let next = Atomic<Int>(0)
    private let done = Atomic<Int>(0)
    private let idle = DispatchGroup()
    /// The folders holding many of the paths, read whole (`FolderListing`), by the idle thread first.
    private var listed = FolderListing()

    static let runLength = 256

    /// When the build that made the folder sealed it (`SiteSeal`; 0: unknown).
    private let seal: UInt64

    /// Nil when the folder cannot be opened: its files are looked up as they are kept.
    /// `seal`: as the build cache keeps it for the previous site.
    init?(_ paths: [String], in folder: String, seal: UInt64) {
        self.seal = SiteSeal.trusted(seal)
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        (self.paths, self.folder) = (paths, fd)
        found = .allocate(capacity: paths.count)
        found.initialize(repeating: false)
        idle.enter()
        let thread = Thread { [self] in
            _ = digest_nice_this_thread(19)
            listed = FolderListing(of: paths, in: fd)
            idle.leave()
            lookUp()
        }
        thread.start()
    }

    deinit {
        close(folder)
        found.deallocate()
    }

    /// Runs of paths looked up until none is left.
    private func lookUp() {
        while true {
            let start = next.wrappingAdd(Self.runLength, ordering: .relaxed).oldValue
            guard start < paths.count else { return }
            let run = start..<min(start + Self.runLength, paths.count)
            for i in run { found[i] = listed.has(at: i, paths[i], in: folder, seal: seal) }
            done.wrappingAdd(run.count, ordering: .releasing)
        }
    }

    /// Whether the lookup was called off (`cancel`).
    private let cancelled = Atomic<Bool>(false)

    /// No more runs are taken (the one the idle thread holds is finished). Always true (for
    /// use in a condition).
    @discardableResult
    func cancel() -> Bool {
        cancelled.store(true, ordering: .relaxed)
        next.store(paths.count, ordering: .relaxed)
        return true
    }

    /// The paths the folder does not have, once every run is done: those left are taken on
    /// every core. (A run the idle thread holds is waited for.) Nil when it was called off.
    func missing() -> [String]? {
        guard !cancelled.load(ordering: .relaxed) else { return nil }
        idle.wait()
        _ = ParallelMap.run(ProcessInfo.processInfo.activeProcessorCount) { _ in lookUp() }
        while done.load(ordering: .acquiring) < paths.count { usleep(50) }
        return paths.indices.filter { !found[$0] }.map { paths[$0] }
    }
}

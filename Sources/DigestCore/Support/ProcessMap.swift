import CDigestSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a build spreads work over the cores.
///
/// Rendering is mostly swift-mustache looking variables up through dynamic casts to protocols,
/// and Swift's runtime answers every such cast from one process-wide cache whose reader count
/// each cast updates atomically: two threads render little faster than one (10k papers: 5.07 s
/// on one core, 3.65 s on two; a probe of two casts per item: 154 ns on one thread, 277 ns each
/// on two). Processes share no such line: forked workers rendered the 10k site 6–12% faster than
/// threads on this 2-core machine, and would gain more with more cores (bench/RESULTS.md).
public enum Workers: Sendable {
    /// Threads of this process — for a process that has other threads running (`digest serve`),
    /// where forking could copy a lock another thread holds.
    case threads
    /// This process and forked workers, `count` in all.
    case processes(Int)
    /// One process per core while the heap is small, the threads of this process once it is
    /// large (see `forkedHeapLimit`).
    case perCore

    /// A forked worker shares the parent's heap until either writes to a page, and rendering
    /// writes reference counts all over it: a worker comes to copy most of the heap. At 100k
    /// papers the heap is ~440 MB and a worker took the build's peak from 789 MB to 1,125 MB
    /// for 5% less render time; at 10k it is ~50 MB and processes render 8% faster
    /// (bench/RESULTS.md). Above this much heap in use, `perCore` renders on threads.
    static let forkedHeapLimit: UInt64 = 256 << 20

    /// What the workers are now: `perCore` is decided by the heap in use when a map starts.
    var resolved: Workers {
        guard case .perCore = self else { return self }
        return Self.perCore(heapInUse: digest_heap_in_use(), cores: ProcessInfo.processInfo.activeProcessorCount)
    }

    static func perCore(heapInUse: UInt64, cores: Int) -> Workers {
        heapInUse <= forkedHeapLimit ? .processes(cores) : .threads
    }

    /// `transform` over 0..<count, in index order. A worker process that fails costs time,
    /// not the result: the whole map is done again on threads, so `transform` must be free of
    /// side effects (see `mapOnce`). It must not use Dispatch or threads (a worker has
    /// only the thread that forked it) and must not print; `progress` is told (done, count)
    /// now and then.
    func map<T: WireValue & Sendable>(_ count: Int, progress: (@Sendable (Int, Int) -> Void)? = nil,
                                      _ transform: @Sendable (Int) -> T) -> [T] {
        mapOnce(count, progress: progress, transform) ?? ParallelMap.run(count, transform)
    }

    /// The same for a transform that writes files, which cannot simply be done again: nil
    /// when a worker process failed.
    func mapOnce<T: WireValue & Sendable>(_ count: Int, progress: (@Sendable (Int, Int) -> Void)? = nil,
                                          _ transform: @Sendable (Int) -> T) -> [T]? {
        switch resolved {
        case .threads, .perCore:
            return ParallelMap.run(count) { i in
                if i % 997 == 0 { progress?(i, count) }  // order across cores is loose
                return transform(i)
            }
        case .processes(let n):
            return ProcessMap.run(count, processes: n, progress: progress, transform)
        }
    }
}

/// `map` over 0..<count in this process and `processes - 1` forked workers: each process takes
/// the next `runLength` indices from a counter they share until none are left, and each worker
/// writes its runs' results to a pipe when done and exits. Taking runs rather than a fixed
/// share keeps every core busy to the end: pages differ in cost, and with every other index
/// each, the parent of a 10k build rendered 12% more than its worker and finished 0.18 s
/// after it, alone. Workers are killed if the parent dies, so a killed build leaves none.
enum ProcessMap {
    /// Below this many items a process, forking costs more than it saves.
    static let minimumPerProcess = 64
    /// Indices taken at once: a few milliseconds of pages, so that the last run ends near
    /// the others' end while the shared counter is touched rarely.
    static let runLength = 16

    static func run<T: WireValue>(_ count: Int, processes: Int, progress: ((Int, Int) -> Void)? = nil,
                                  _ transform: (Int) -> T) -> [T]? {
        let wanted = min(processes, count / minimumPerProcess)
        let counter = wanted > 1 ? digest_shared_counter() : nil
        defer { if let counter { digest_shared_counter_free(counter) } }
        let n = counter == nil ? 1 : wanted
        var next = 0  // the counter of a map that forks no worker
        func run(from start: Int) -> Range<Int> { start..<min(start + runLength, count) }
        /// The next run of indices, nil when all are taken.
        func take() -> Range<Int>? {
            let start: Int
            if let counter { start = digest_counter_take(counter, runLength) } else { (start, next) = (next, next + runLength) }
            return start < count ? run(from: start) : nil
        }
        // Free heap pages go back to the system first: a worker inherits every page of the
        // heap, and each page either process then writes to (a reference count, a new
        // allocation in a free gap) is copied. At 100k papers this took the build's peak
        // from 1.8 GB to 1.3.
        if n > 1 { _ = digest_trim_heap() }
        var workers: [(pid: pid_t, pipe: Int32)] = []
        for _ in 1..<n {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { break }
            let pid = digest_fork_worker()
            if pid == 0 {
                close(ends[0])
                var wire: [UInt8] = []
                while let indices = take() {
                    UInt64(indices.lowerBound).write(to: &wire)
                    for i in indices { transform(i).write(to: &wire) }
                }
                _exit(writeAll(ends[1], wire) ? 0 : 1)
            }
            close(ends[1])
            guard pid > 0 else { close(ends[0]); break }
            workers.append((pid, ends[0]))
        }
        var results = [T?](repeating: nil, count: count)
        var done = 0
        while let indices = take() {
            for i in indices { results[i] = transform(i) }
            done += indices.count
            if done % (runLength * 64) == 0 { progress?(min(count, indices.upperBound), count) }
        }
        var failed = false
        for worker in workers {
            var reader = WireReader(bytes: readAll(worker.pipe))
            close(worker.pipe)
            while reader.at < reader.count, !failed {
                guard let start = UInt64.read(from: &reader).flatMap({ Int(exactly: $0) }), start < count else { failed = true; break }
                for i in run(from: start) {
                    guard let value = T.read(from: &reader) else { failed = true; break }
                    results[i] = value
                }
            }
            var status: Int32 = 0
            while waitpid(worker.pid, &status, 0) < 0 && errno == EINTR {}
            if status != 0 { failed = true }
        }
        // A worker that died took its runs with it.
        let all = results.compactMap { $0 }
        return failed || all.count != count ? nil : all
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    static func readAll(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return bytes }
            bytes += chunk[0..<got]
        }
    }
}

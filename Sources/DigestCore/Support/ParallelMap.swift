import Foundation

/// `map` over 0..<count on every core, results in index order.
enum ParallelMap {
    static func run<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, transform($0)) }
        return slots.take()
    }

    /// The same, for many small items: each task maps a run of `batch` indices, so a million
    /// one-word items do not cost a million dispatches.
    static func batched<T: Sendable>(_ count: Int, batch: Int = 4096, _ transform: @Sendable (Int) -> T) -> [T] {
        let runs = run((count + batch - 1) / batch) { r in (r * batch..<min((r + 1) * batch, count)).map(transform) }
        return runs.flatMap { $0 }
    }

    /// The items in about 64 runs (of at least `minimum`), each run mapped whole: for work that
    /// keeps a table per run and merges the tables in run order.
    static func runs<E: Sendable, T: Sendable>(of items: [E], minimum: Int = 256, _ transform: @Sendable (ArraySlice<E>) -> T) -> [T] {
        let size = max(minimum, items.count / 64)
        return run((items.count + size - 1) / size) { r in transform(items[(r * size)..<min((r + 1) * size, items.count)]) }
    }

    /// Each index is written by exactly one iteration, so no two writers meet. The slots are
    /// raw memory: an Array's `withUnsafeMutableBufferPointer` checks (and may copy) its buffer on
    /// every call, and two threads doing that at once crashed the test run now and then.
    private final class Slots<T>: @unchecked Sendable {
        private let base: UnsafeMutablePointer<T?>
        private let count: Int
        private var taken = false
        init(_ count: Int) {
            self.count = count
            base = .allocate(capacity: count)
            base.initialize(repeating: nil, count: count)
        }
        deinit {
            if !taken { base.deinitialize(count: count) }
            base.deallocate()
        }
        func set(_ i: Int, _ value: T) { base[i] = value }
        /// The values, moved out: copying them would retain every string and array they
        /// hold only to release it again when the slots go.
        func take() -> [T] {
            precondition(!taken)
            taken = true
            return (0..<count).map { (base + $0).move()! }
        }
    }
}

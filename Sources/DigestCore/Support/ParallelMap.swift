import Foundation

/// `map` over 0..<count on every core, results in index order.
enum ParallelMap {
    static func run<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let slots = TaskSlots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, transform($0)) }
        return slots.takeAll()
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
}

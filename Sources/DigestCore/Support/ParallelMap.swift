import Foundation

/// `map` over 0..<count on every core, results in index order.
enum ParallelMap {
    static func run<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let slots = TaskSlots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, transform($0)) }
        return slots.takeAll()
    }

    /// The same, for many small items: each task maps a run of `batch` indices, so a million
    /// one-word items do not cost a million dispatches. Each result is put in its place in
    /// the array returned, not in an array of its run copied after: a copy retains what the
    /// result holds (a page's path), and the papers' and authors' pages, 255k at 100k papers,
    /// were copied twice that way.
    /// (A body of its own, not `batched(carrying:)` with nothing carried: through that, each
    /// index was a call of one more closure, 31M instructions of a listing's rebuild at 100k papers.)
    static func batched<T: Sendable>(_ count: Int, batch: Int = 4096, _ transform: @Sendable (Int) -> T) -> [T] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            let places = Places(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: (count + batch - 1) / batch) { r in
                for i in r * batch..<min((r + 1) * batch, count) { (places.base! + i).initialize(to: transform(i)) }
            }
            initialized = count
        }
    }

    /// The same, each run of indices mapped in order with a value it carries from one index
    /// to the next (made by `start` for each run): what a run found where, to look there next.
    static func batched<S, T: Sendable>(_ count: Int, batch: Int = 4096, carrying start: @Sendable () -> S,
                                        _ transform: @Sendable (inout S, Int) -> T) -> [T] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            let places = Places(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: (count + batch - 1) / batch) { r in
                var carried = start()
                for i in r * batch..<min((r + 1) * batch, count) { (places.base! + i).initialize(to: transform(&carried, i)) }
            }
            initialized = count
        }
    }

    /// The array's memory, each place written by one task only.
    private struct Places<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>?
    }

    /// The items in about 64 runs (of at least `minimum`), each run mapped whole: for work that
    /// keeps a table per run and merges the tables in run order.
    static func runs<E: Sendable, T: Sendable>(of items: [E], minimum: Int = 256, _ transform: @Sendable (ArraySlice<E>) -> T) -> [T] {
        let size = max(minimum, items.count / 64)
        return run((items.count + size - 1) / size) { r in transform(items[(r * size)..<min((r + 1) * size, items.count)]) }
    }
}

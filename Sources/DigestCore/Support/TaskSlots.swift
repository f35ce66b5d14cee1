import Dispatch

/// Values that cross between parallel tasks (`ParallelMap`) when the type system cannot vouch
/// for it. Ingest's records hold Yams nodes, which are not `Sendable` (their tags are
/// classes); each record is still only ever used by one thread at a time. The slots are raw
/// memory, as in `ParallelMap`: an Array's buffer may not be reached from two threads at once.

/// A value only read, by any number of tasks.
final class Unshared<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Values handed to parallel tasks, one slot each: a value taken is moved out, so the task
/// that takes it also frees it.
final class Handoff<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    let count: Int
    init(_ values: [T]) {
        count = values.count
        slots = .allocate(capacity: count)
        for (i, value) in values.enumerated() { (slots + i).initialize(to: value) }
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func take(_ i: Int) -> T { slots[i].take()! }
}

/// Values set once each by one task and read by others after it: `wait` blocks until set.
/// Every slot must be set before the latches go.
final class Latches<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let done: [DispatchGroup]
    init(_ count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        done = (0..<count).map { _ in let group = DispatchGroup(); group.enter(); return group }
    }
    deinit {
        slots.deinitialize(count: done.count)
        slots.deallocate()
    }
    func set(_ i: Int, _ value: T) {
        slots[i] = value
        done[i].leave()
    }
    func wait(_ i: Int) -> T {
        done[i].wait()
        return slots[i]!
    }
}

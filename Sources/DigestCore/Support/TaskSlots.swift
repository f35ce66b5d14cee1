import Dispatch

/// One value per parallel task, in raw memory: an Array's `withUnsafeMutableBufferPointer`
/// checks (and may copy) its buffer on every call, and two threads doing that at once crashed
/// the test run now and then. Each slot is written by one task at a time, so no two writers
/// meet; what orders a write before a read is the caller's (the end of a `ParallelMap`, or
/// `Latches`). A value taken is moved out: copying it would retain every string and array it
/// holds only to release them again when the slots go, and the task that takes it frees it.
final class TaskSlots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    let count: Int

    init(_ count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    /// Slots holding `values`, to hand to the tasks one each.
    convenience init(_ values: [T]) {
        self.init(values.count)
        for (i, value) in values.enumerated() { base[i] = value }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func set(_ i: Int, _ value: T) { base[i] = value }
    func value(_ i: Int) -> T { base[i]! }
    func take(_ i: Int) -> T { base[i].take()! }
    func takeAll() -> [T] { (0..<count).map(take) }
    /// The values set, in order, moved out (no copy: no reference counted), the slots never set left out.
    func takeAllPresent() -> [T] { (0..<count).compactMap { base[$0].take() } }
}

/// Values that cross between parallel tasks (`ParallelMap`) when the type system cannot vouch
/// for it: ingest's records hold Yams nodes, which are not `Sendable` (their tags are
/// classes), and each is still only ever used by one thread at a time.

/// A value only read, by any number of tasks.
final class Unshared<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Values set once each by one task and read by others after it: `wait` blocks until set.
/// Every slot must be set before the latches go.
final class Latches<T>: @unchecked Sendable {
    private let slots: TaskSlots<T>
    private let done: [DispatchGroup]
    init(_ count: Int) {
        slots = TaskSlots(count)
        done = (0..<count).map { _ in let group = DispatchGroup(); group.enter(); return group }
    }
    func set(_ i: Int, _ value: T) {
        slots.set(i, value)
        done[i].leave()
    }
    func wait(_ i: Int) -> T {
        done[i].wait()
        return slots.value(i)
    }
}

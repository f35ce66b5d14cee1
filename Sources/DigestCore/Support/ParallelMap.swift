import Foundation

/// `map` over 0..<count on every core, results in index order.
enum ParallelMap {
    static func run<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, transform($0)) }
        return slots.values
    }

    /// Each index is written by exactly one iteration, so no two writers meet. The slots are
    /// raw memory: an Array's `withUnsafeMutableBufferPointer` checks (and may copy) its buffer on
    /// every call, and two threads doing that at once crashed the test run now and then.
    private final class Slots<T>: @unchecked Sendable {
        private let base: UnsafeMutablePointer<T?>
        private let count: Int
        init(_ count: Int) {
            self.count = count
            base = .allocate(capacity: count)
            base.initialize(repeating: nil, count: count)
        }
        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
        func set(_ i: Int, _ value: T) { base[i] = value }
        var values: [T] { (0..<count).map { base[$0]! } }
    }
}

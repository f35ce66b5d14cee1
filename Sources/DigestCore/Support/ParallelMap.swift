import Foundation

/// `map` over 0..<count on every core, results in index order.
enum ParallelMap {
    static func run<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, transform($0)) }
        return slots.values
    }

    /// Each index is written by exactly one iteration, so no two writers meet.
    private final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        init(_ count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: T) { storage.withUnsafeMutableBufferPointer { $0[i] = value } }
        var values: [T] { storage.map { $0! } }
    }
}

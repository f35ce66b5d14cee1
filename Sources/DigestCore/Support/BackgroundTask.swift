import Foundation

/// Work that runs beside the caller's on a thread of its own until `wait()`, which gives its
/// result. A build waits for every one before it forks render workers: a fork must not meet
/// another thread mid-work.
final class BackgroundTask<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var value: Value?  // written once, by the work, before the group is left

    init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.value = work()
            self.group.leave()
        }
    }

    @discardableResult
    func wait() -> Value {
        group.wait()
        return value!
    }
}

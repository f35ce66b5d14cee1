import Foundation

/// Work that runs beside the caller's on a thread of its own until `wait()`. A build waits
/// for it before it forks render workers: a fork must not meet another thread mid-work.
final class BackgroundTask: @unchecked Sendable {
    private let group = DispatchGroup()

    init(_ work: @escaping @Sendable () -> Void) {
        DispatchQueue.global().async(group: group, execute: work)
    }

    func wait() { group.wait() }
}

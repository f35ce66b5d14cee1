import CDigestSys
import Foundation

/// What a build held — its model, pages and tables — kept past its end for a process that goes
/// on (`digest serve`) to let go of on a thread of its own, after the site is served again:
/// freed one object at a time where the build ends, 100k papers' took 0.3–0.5 s between the
/// last file written and the page reloaded. (A process that ends after the build leaves them
/// to the system: `ProcessEnd`.)
public final class Leftovers: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Any] = []

    public init() {}

    func keep(_ more: [Any]) {
        lock.withLock { values += more }
    }

    /// How many values are kept.
    var count: Int { lock.withLock { values.count } }

    /// Everything kept, let go on a new thread at the lowest priority (nice 19): its freeing
    /// takes a core the next build, if one starts, mostly leaves idle.
    public func letGoInBackground() {
        let held = lock.withLock {
            defer { values = [] }
            return HeldValues(values)
        }
        guard !held.values.isEmpty else { return }
        Thread {
            _ = digest_nice_this_thread(19)
            held.values = []
        }.start()
    }
}

/// Values held by reference, to be let go where and when the holder says: on a thread of its
/// own (`Leftovers`), or never (`ProcessEnd`).
final class HeldValues: @unchecked Sendable {
    var values: [Any]
    init(_ values: [Any]) { self.values = values }
}

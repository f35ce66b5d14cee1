import Foundation

/// Values made on first use from any thread and kept, or put in all at once. The lock covers
/// only the lookup and the store: a value is made outside it, so two threads may both make
/// the same one (the same value either way) and no render waits on another.
final class LockedMemo<Key: Hashable, Value>: @unchecked Sendable {
    private var values: [Key: Value] = [:]
    private let lock = NSLock()

    func value(_ key: Key, make: () -> Value) -> Value {
        if let hit = lock.withLock({ values[key] }) { return hit }
        let made = make()
        lock.withLock { values[key] = made }
        return made
    }

    /// The value made for `key` if one was, without making one.
    func stored(_ key: Key) -> Value? { lock.withLock { values[key] } }

    func fill(_ all: [Key: Value]) {
        lock.withLock { values = all }
    }
}

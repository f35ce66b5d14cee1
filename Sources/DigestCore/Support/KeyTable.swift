/// Keys that are hashes already (`RelatedPapers.paperKey`, `OutputHashes.pathHash`), each with
/// its first place in the list the table was made from, looked up by their low bits in a table
/// twice their count or more, the next slot taken when one is: no hash made of them again
/// (a `Dictionary` or `Set` hashes each key going in and at each lookup).
struct KeyTable {
    private var slots: [UInt64]
    private var places: [Int32]
    private let mask: Int
    /// The first place of 0, the empty slot's mark, when it is one of the keys.
    private var zero: Int?
    /// Whether a key is in the list more than once (found as it went in).
    private(set) var hasRepeats = false

    init(_ keys: some Collection<UInt64>) {
        let size = SlotCount.of(keys.count)
        (slots, places, mask) = ([UInt64](repeating: 0, count: size), [Int32](repeating: 0, count: size), size - 1)
        for (place, key) in keys.enumerated() {
            guard key != 0 else {
                if zero == nil { zero = place } else { hasRepeats = true }
                continue
            }
            var i = Int(truncatingIfNeeded: key) & mask
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & mask }
            if slots[i] == 0 { (slots[i], places[i]) = (key, Int32(place)) } else { hasRepeats = true }
        }
    }

    /// The first place of `key` in the list, if it is one of the keys.
    func place(of key: UInt64) -> Int? {
        guard key != 0 else { return zero }
        var i = Int(truncatingIfNeeded: key) & mask
        while slots[i] != 0 {
            if slots[i] == key { return Int(places[i]) }
            i = (i + 1) & mask
        }
        return nil
    }

    func contains(_ key: UInt64) -> Bool { place(of: key) != nil }
}

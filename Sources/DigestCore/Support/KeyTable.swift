/// Paper keys (`RelatedPapers.paperKey`, hashes already) looked up by their low bits in a table
/// twice their count or more, the next slot taken when one is: no hash made of them again.
struct KeyTable {
    private var slots: [UInt64]
    private let mask: Int
    /// Whether 0, the empty slot's mark, is one of the keys.
    private var hasZero = false

    init(_ keys: some Collection<UInt64>) {
        var size = 16
        while size < keys.count * 2 { size *= 2 }
        (slots, mask) = ([UInt64](repeating: 0, count: size), size - 1)
        for key in keys {
            guard key != 0 else { hasZero = true; continue }
            var i = Int(truncatingIfNeeded: key) & mask
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & mask }
            slots[i] = key
        }
    }

    func contains(_ key: UInt64) -> Bool {
        guard key != 0 else { return hasZero }
        var i = Int(truncatingIfNeeded: key) & mask
        while slots[i] != 0 {
            if slots[i] == key { return true }
            i = (i + 1) & mask
        }
        return false
    }
}

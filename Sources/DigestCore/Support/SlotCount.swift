/// How many slots an open-addressing table (`TermTable`, `KeyTable`, `VocabularyFiles.Table`)
/// makes for `count` keys: a power of two, at least twice the count, so that a lookup walks few
/// taken slots, and at least `least`.
enum SlotCount {
    static func of(_ count: Int, least: Int = 16) -> Int {
        var size = least
        while size < count * 2 { size *= 2 }
        return size
    }
}

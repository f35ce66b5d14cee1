/// Words interned by their UTF-8 bytes, looked up in place in a text's bytes: the search index
/// meets each word of a chunk of papers hundreds of times, and the tagger looks up every word
/// of every abstract; a String plus a seeded hash per meeting was most of their time.
/// Ids are dense, in first-seen order.
struct TermTable {
    private var arena: [UInt8] = []
    private var starts: [Int32] = [0]
    private var hashes: [UInt32] = []
    /// Open addressing: an id + 1 per slot, 0 when empty; the count of slots is a power of two.
    private var slots: [Int32]
    private static let slotsFirst = 1 << 12

    var count: Int { hashes.count }

    mutating func id(_ word: String) -> Int32 {
        var word = word
        return word.withUTF8 { id($0) }
    }

    mutating func id(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        id(word, hash: FNV1a.hash(word))
    }

    private mutating func id(_ word: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 {
        let (found, slot) = look(word, hash: hash)
        if let found { return found }
        let id = Int32(hashes.count)
        slots[slot] = id + 1
        hashes.append(hash)
        arena.append(contentsOf: word)
        starts.append(Int32(arena.count))
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    /// The word's id, if it has one.
    func find(_ word: UnsafeBufferPointer<UInt8>) -> Int32? { look(word, hash: FNV1a.hash(word)).id }

    /// Each of `other`'s words' id here, by its id there (with the hash `other` made); words
    /// new here are added in `other`'s order. Tables made one per run of papers on every core
    /// merge into one in run order, on bytes: the Strings of a million words (the search
    /// index's word pairs) and a seeded hash of each were 0.4 s at 100k papers.
    mutating func merge(_ other: TermTable) -> [Int] {
        let words = other.words
        return (0..<other.count).map { Int(id(of: $0, in: words)) }
    }

    /// A table's words without the slots that find them: all a cache keeps and a merge reads.
    struct Words: Sendable {
        var arena: [UInt8] = []
        var starts: [Int32] = [0]
        var hashes: [UInt32] = []

        var count: Int { hashes.count }
    }

    var words: Words { Words(arena: arena, starts: starts, hashes: hashes) }

    /// A table of `words`, each id its place there when they are all different (a word that
    /// repeats has the id of its first).
    init(_ words: Words = Words()) {
        slots = [Int32](repeating: 0, count: Self.slotsFirst)
        for i in 0..<words.count { _ = id(of: i, in: words) }
    }

    /// An empty table with room for `capacity` words before it grows: for one of thousands of
    /// small tables, which the first size's 4,096 slots (16 KB, zeroed) would make large.
    init(capacity: Int) {
        slots = [Int32](repeating: 0, count: SlotCount.of(capacity))
    }

    /// A table of `words`, each id its place there, their arrays taken whole and only the slots
    /// made (added one by one, a search index's 250k kept words were each copied and looked up
    /// in every rebuild); nil when two of them are the same (words read back wrong).
    init?(distinct words: Words) {
        (arena, starts, hashes) = (words.arena, words.starts, words.hashes)
        slots = [Int32](repeating: 0, count: SlotCount.of(words.count, least: Self.slotsFirst))
        for id in 0..<words.count {
            let (found, slot) = words.withBytes(of: id) { look($0, hash: words.hashes[id]) }
            guard found == nil else { return nil }
            slots[slot] = Int32(id + 1)
        }
    }

    /// The id here of word `i` of `words` (with the hash it was kept with), added if new.
    mutating func id(of i: Int, in words: Words) -> Int32 {
        words.withBytes(of: i) { id($0, hash: words.hashes[i]) }
    }

    /// The word's id, or where it would go.
    private func look(_ word: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (id: Int32?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let id = Int(slots[slot] - 1)
            if hashes[id] == hash, equal(id, word) { return (Int32(id), slot) }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    private func equal(_ id: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[id]), end = Int(starts[id + 1])
        guard end - start == word.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            for k in 0..<word.count where arena[start + k] != word[k] { return false }
            return true
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
    }

    /// Every word, by id.
    func names() -> [String] {
        (0..<count).map { String(decoding: arena[Int(starts[$0])..<Int(starts[$0 + 1])], as: UTF8.self) }
    }
}

extension TermTable.Words {
    /// Word `i`'s bytes.
    func bytes(_ i: Int) -> ArraySlice<UInt8> { arena[Int(starts[i])..<Int(starts[i + 1])] }

    /// Word `i`'s bytes, in place.
    func withBytes<T>(of i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(starts[i])..<Int(starts[i + 1])])) }
    }

    /// Word `i` of `other` (with its hash) as the next word here.
    mutating func append(_ i: Int, of other: Self) {
        arena += other.bytes(i)
        starts.append(Int32(arena.count))
        hashes.append(other.hashes[i])
    }

    /// The words `keep` takes (by id), in their order, and each word's id among them (-1: left out).
    func keeping(_ keep: (Int) -> Bool) -> (words: Self, ids: [Int32]) {
        var kept = Self(), ids = [Int32](repeating: -1, count: count)
        for id in 0..<count where keep(id) {
            ids[id] = Int32(kept.count)
            kept.append(id, of: self)
        }
        return (kept, ids)
    }

    /// Words as `CacheWriter.raw(_:)` wrote them: nil when they do not read whole, or their
    /// starts do not run from 0 to the end of their bytes, one more than their hashes.
    static func read(from wire: inout WireReader) -> Self? {
        guard let arena = RawWire.read(UInt8.self, from: &wire), let starts = RawWire.read(Int32.self, from: &wire),
              let hashes = RawWire.read(UInt32.self, from: &wire),
              starts.count == hashes.count + 1, starts.first == 0, RawWire.ends(starts.dropFirst(), reach: arena.count) else { return nil }
        return Self(arena: arena, starts: starts, hashes: hashes)
    }
}

/// The vocabulary files the search page completes a word and finds near-misses from: under
/// each key, the words of the index that have it, `[["word",df],…]`. A word of three
/// characters or more is under its first three (`search/p/`), one of two or more under its
/// first two (the commonest `SearchLayout.shortPrefixWords` of them, by count of papers), one
/// of four or more under its last three (`search/s/`); characters are Unicode scalars.
/// A file's words and their counts are all it is made from: a rebuild makes only the files
/// of the words whose count of papers may have moved, and takes the others as the site has
/// them. (Made whole, the ~40k files of a 100k site were 0.27 billion instructions of a title
/// edit's rebuild, for a few files that changed.)
extension SearchIndexBuilder {
    /// Every vocabulary file of `names` (the index's words, with their counts `df`).
    static func vocabularyFiles(names: [String], df: [Int32], into files: inout [(path: String, bytes: [UInt8])]) {
        var taken: [(path: String, bytes: [UInt8]?)] = []
        vocabularyFiles(names: names, df: df, changed: nil, into: &files, taken: &taken)
    }

    /// The files of the keys of `changed` (the words whose count of papers may have moved
    /// since the site's index was made, gone ones too) into `files`, and the others, by their
    /// paths alone, into `taken`, sorted by path; with `changed` nil, every file is made.
    static func vocabularyFiles(names: [String], df: [Int32], changed: [String]?,
                                into files: inout [(path: String, bytes: [UInt8])], taken: inout [(path: String, bytes: [UInt8]?)]) {
        // Single words (word pairs are looked up whole), each with its keys, which are grouped
        // by their bytes (no String made of a key but for its file's path).
        let singles = names.indices.filter { !names[$0].containsByte(0x20) }
        // (Word `w`'s keys are `keys[3 * w ..< 3 * w + 3]`.)
        let keys = {
            let each = ParallelMap.batched(singles.count) { VocabularyKey.keys(of: names[singles[$0]]) }
            var keys: [VocabularyKey] = []
            keys.reserveCapacity(3 * each.count)
            for three in each { keys.append(three.0); keys.append(three.1); keys.append(three.2) }  // (no array a word)
            return keys
        }()
        var groups = VocabularyKey.Table(capacity: keys.count)
        var groupOf = [Int32](repeating: -1, count: keys.count)
        var first: [Int] = []  // per group: the first key of it, by place in `keys`
        for (at, key) in keys.enumerated() where key.kind != .none {
            let group = groups.number(key)
            if group == first.count { first.append(at) }
            groupOf[at] = Int32(group)
        }
        // The groups made: those of the changed words' keys (a key no word has now is in no
        // group: its file is gone), or all.
        var making = [Bool](repeating: changed == nil, count: first.count)
        for word in changed ?? [] where !word.containsByte(0x20) {
            let three = VocabularyKey.keys(of: word)
            for key in [three.0, three.1, three.2] where key.kind != .none {
                if let group = groups.find(key) { making[group] = true }
            }
        }
        // Each group made, its words (a counting sort by group, in word order).
        var starts = [Int](repeating: 0, count: first.count + 1)
        for group in groupOf where group >= 0 && making[Int(group)] { starts[Int(group) + 1] += 1 }
        for g in 0..<first.count { starts[g + 1] += starts[g] }
        var members = [Int32](repeating: 0, count: starts[first.count])
        var fill = starts
        for (at, group) in groupOf.enumerated() where group >= 0 && making[Int(group)] {
            members[fill[Int(group)]] = Int32(singles[at / 3])
            fill[Int(group)] += 1
        }
        let made = first.indices.filter { making[$0] }
        let (firsts, bounds, words) = (first, starts, members)
        @Sendable func path(_ group: Int) -> String { keys[firsts[group]].path }
        // Each file sorted and written on every core: at 10k papers, made on one, they were the
        // largest part of the index's one-core tail, which the render cannot start before.
        files += ParallelMap.run(made.count) { i -> (path: String, bytes: [UInt8]) in
            let group = made[i]
            // In String order (each word compared first by its head, `SortHead`: String
            // comparisons all through were 0.4 billion instructions at 100k papers).
            var ids = words[bounds[group]..<bounds[group + 1]].map(Int.init)
            let heads = ids.map { SortHead(names[$0]) }
            ids = ids.indices.sorted { a, b in heads[a].orders(heads[b]) ?? (names[ids[a]] < names[ids[b]]) }.map { ids[$0] }
            if keys[firsts[group]].kind == .short {
                // The commonest, then in String order again (their places in it).
                let order = ids
                var places = Array(order.indices).sorted { a, b in df[order[a]] != df[order[b]] ? df[order[a]] > df[order[b]] : a < b }
                places = Array(places.prefix(SearchLayout.shortPrefixWords)).sorted()
                ids = places.map { order[$0] }
            }
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            for (k, id) in ids.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(UInt8(ascii: "["))
                Escape.appendJSONString(names[id], to: &bytes)
                bytes.append(UInt8(ascii: ","))
                appendDecimal(Int(df[id]), to: &bytes)
                bytes.append(UInt8(ascii: "]"))
            }
            bytes += [UInt8(ascii: "]"), 0x0A]
            return (path(group), bytes)
        }
        taken += first.indices.filter { !making[$0] }.map { (path: path($0), bytes: nil) }.sorted { $0.path < $1.path }
    }
}

/// A word's key in the vocabulary: its kind and the bytes of the characters it is made of,
/// exactly, in two numbers (three scalars are at most 12 bytes).
struct VocabularyKey {
    enum Kind: UInt8 { case none = 0, prefix, short, suffix }
    let kind: Kind
    let low: UInt64, high: UInt64

    static let none = VocabularyKey(kind: .none, low: 0, high: 0)

    init(kind: Kind, low: UInt64, high: UInt64) {
        (self.kind, self.low, self.high) = (kind, low, high)
    }

    /// `kind`, then the bytes of `range` of `bytes`, then zeros, and their count in the last byte.
    init(_ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var packed = (UInt64(kind.rawValue), UInt64(range.count) << 56)
        for (k, at) in range.enumerated() {
            let place = k + 1  // (after the kind)
            if place < 8 { packed.0 |= UInt64(bytes[at]) << UInt64(8 * place) } else { packed.1 |= UInt64(bytes[at]) << UInt64(8 * (place - 8)) }
        }
        (self.kind, low, high) = (kind, packed.0, packed.1)
    }

    /// A word's first three scalars (when it has three or more), first two (two or more) and
    /// last three (four or more), as `SearchLayout.prefixKey`, `leading` and `suffixKey` cut them.
    static func keys(of word: String) -> (VocabularyKey, VocabularyKey, VocabularyKey) {
        word.withUTF8Bytes { bytes in
            var scalars = 0, afterTwo = 0, afterThree = 0
            for at in bytes.indices where bytes[at] & 0xC0 != 0x80 {
                scalars += 1
                if scalars == 3 { afterTwo = at } else if scalars == 4 { afterThree = at }
            }
            if scalars == 2 { afterTwo = bytes.count }
            if scalars == 3 { afterThree = bytes.count }
            var lastThree = bytes.count, seen = 0
            while seen < 3 && lastThree > 0 {
                lastThree -= 1
                if bytes[lastThree] & 0xC0 != 0x80 { seen += 1 }
            }
            return (scalars >= 3 ? VocabularyKey(.prefix, bytes, 0..<afterThree) : .none,
                    scalars >= 2 ? VocabularyKey(.short, bytes, 0..<afterTwo) : .none,
                    scalars >= 4 ? VocabularyKey(.suffix, bytes, lastThree..<bytes.count) : .none)
        }
    }

    /// Its file's path, from its own bytes.
    var path: String {
        var bytes: [UInt8] = []
        for place in 1..<(1 + Int(high >> 56)) {  // (after the kind)
            let word = place < 8 ? low >> UInt64(8 * place) : high >> UInt64(8 * (place - 8))
            bytes.append(UInt8(truncatingIfNeeded: word))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return kind == .suffix ? SearchLayout.suffixFile(text) : SearchLayout.prefixFile(text)
    }

    /// Keys, each numbered in the order first met, found by a mix of their two numbers in a
    /// table twice their count or more, the next slot taken when one is.
    struct Table {
        private var slots: [(low: UInt64, high: UInt64, number: Int32)]
        private let mask: Int
        private var count: Int32 = 0

        init(capacity: Int) {
            let size = SlotCount.of(capacity)
            slots = Array(repeating: (0, 0, -1), count: size)
            mask = size - 1
        }

        private func slot(_ key: VocabularyKey) -> Int {
            var mixed = (key.low ^ (key.high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
            mixed ^= mixed >> 31
            var i = Int(truncatingIfNeeded: mixed) & mask
            while slots[i].number >= 0 && (slots[i].low != key.low || slots[i].high != key.high) { i = (i + 1) & mask }
            return i
        }

        /// The key's number, given it if it is new.
        mutating func number(_ key: VocabularyKey) -> Int {
            let i = slot(key)
            if slots[i].number < 0 {
                slots[i] = (key.low, key.high, count)
                count += 1
            }
            return Int(slots[i].number)
        }

        func find(_ key: VocabularyKey) -> Int? {
            let number = slots[slot(key)].number
            return number >= 0 ? Int(number) : nil
        }
    }
}

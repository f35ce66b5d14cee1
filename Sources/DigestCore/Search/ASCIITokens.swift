extension SearchTokenizer {
    /// `tokens` for text that is all ASCII, on bytes: no Unicode tables, one String per word.
    /// It must give exactly what the general path gives (`SearchTests` compares them on the
    /// sample's titles and abstracts).
    static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>, dropStopWords: Bool) -> [String] {
        var out: [String] = []
        var group: [Range<Int>] = []
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func emit(_ ranges: ArraySlice<Range<Int>>, stop: Bool) {
            word.removeAll(keepingCapacity: true)
            for r in ranges { word.append(contentsOf: bytes[r]) }
            normalizeASCII(&word)
            guard word.count >= 2 else { return }
            let term = String(decoding: word, as: UTF8.self)
            // No stop word is longer than five letters: most words skip the set.
            if !(stop && word.count <= 5 && stopWords.contains(term)) { out.append(term) }
        }
        func flush() {
            for i in group.indices { emit(group[i...i], stop: dropStopWords) }
            if group.count > 1 { emit(group[...], stop: false) }
            group.removeAll(keepingCapacity: true)
        }
        var i = 0
        while i < bytes.count {
            guard isASCIIWord(bytes[i]) else { i += 1; continue }
            let start = i
            while i < bytes.count, isASCIIWord(bytes[i]) { i += 1 }
            // Words joined by one hyphen are one group, as in `hyphenGroups`.
            if let last = group.last, last.upperBound + 1 == start, bytes[start - 1] == UInt8(ascii: "-") {
                group.append(start..<i)
            } else {
                flush()
                group.append(start..<i)
            }
        }
        flush()
        return out
    }

    @inline(__always) static func isASCIIWord(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    /// `normalize` on ASCII bytes: acronym plural, lowercase, Harman's S-stemmer.
    static func normalizeASCII(_ word: inout [UInt8]) {
        let n = word.count
        let acronymPlural = n >= 3 && word[n - 1] == UInt8(ascii: "s") && isUpper(word[0]) && isUpper(word[n - 2])
            && word[0..<(n - 1)].allSatisfy { isUpper($0) || ($0 >= 0x30 && $0 <= 0x39) }
        for k in 0..<n where isUpper(word[k]) { word[k] += 0x20 }
        if acronymPlural { word.removeLast(); return }
        guard n > 3, word.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return }
        func ends(_ suffix: StaticString) -> Bool {
            let k = suffix.utf8CodeUnitCount
            guard n >= k else { return false }
            return suffix.withUTF8Buffer { s in (0..<k).allSatisfy { word[n - k + $0] == s[$0] } }
        }
        if ends("ies"), !ends("eies"), !ends("aies") {
            word.removeLast(3)
            word.append(UInt8(ascii: "y"))
        } else if ends("es"), !ends("aes"), !ends("ees"), !ends("oes") {
            word.removeLast()
        } else if ends("s"), !ends("us"), !ends("ss"), !ends("is") {
            word.removeLast()
        }
    }

    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
}

/// Where `SearchTokenizer.forEachToken` puts each token, as bytes valid only during the call:
/// a generic sink, not a closure, so the compiler specialises the loop for each one.
protocol TokenSink {
    mutating func take(_ token: UnsafeBufferPointer<UInt8>)
}

extension SearchTokenizer {
    /// `tokens` for text that is all ASCII, on bytes: no Unicode tables, and no String per word
    /// for a sink that does not want one. It must give exactly what the general path gives
    /// (`SearchTests` compares them on the sample's titles and abstracts).
    static func forEachASCIIToken<Sink: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, dropStopWords: Bool, into sink: inout Sink) {
        // A group (words joined by single hyphens) is its first word's start and its ends;
        // plain values and no closures, as this runs once per word of every abstract.
        var groupStart = -1, groupEnd = -1, wordStarts: [Int] = [], word: [UInt8] = []
        wordStarts.reserveCapacity(8)
        word.reserveCapacity(64)
        var i = 0
        while i <= bytes.count {
            let start = i
            while i < bytes.count, isASCIIWord(bytes[i]) { i += 1 }
            if i > start {
                // Words joined by one hyphen are one group, as in `hyphenGroups`.
                if groupEnd >= 0, groupEnd + 1 == start, bytes[start - 1] == UInt8(ascii: "-") {
                    wordStarts.append(start)
                } else {
                    flushGroup(bytes, wordStarts, groupStart, groupEnd, dropStopWords, &word, &sink)
                    groupStart = start
                    wordStarts.removeAll(keepingCapacity: true)
                    wordStarts.append(start)
                }
                groupEnd = i
            }
            if i == bytes.count { break }
            i += 1
        }
        flushGroup(bytes, wordStarts, groupStart, groupEnd, dropStopWords, &word, &sink)
    }

    /// Each word of a group, then, when there are several, the group joined.
    private static func flushGroup<Sink: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: [Int], _ groupStart: Int, _ groupEnd: Int,
                                                         _ dropStopWords: Bool, _ word: inout [UInt8], _ sink: inout Sink) {
        guard groupStart >= 0 else { return }
        for k in starts.indices {
            let end = k + 1 < starts.count ? starts[k + 1] - 1 : groupEnd  // before the hyphen
            word.removeAll(keepingCapacity: true)
            word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[starts[k]..<end]))
            emitWord(&word, stop: dropStopWords, &sink)
        }
        if starts.count > 1 {
            word.removeAll(keepingCapacity: true)
            for k in starts.indices {
                let end = k + 1 < starts.count ? starts[k + 1] - 1 : groupEnd
                word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[starts[k]..<end]))
            }
            emitWord(&word, stop: false, &sink)
        }
    }

    @inline(__always) private static func emitWord<Sink: TokenSink>(_ word: inout [UInt8], stop: Bool, _ sink: inout Sink) {
        normalizeASCII(&word)
        guard word.count >= 2, !(stop && isStopWord(word)) else { return }
        word.withUnsafeBufferPointer { sink.take($0) }
    }

    /// No stop word is longer than five letters, so each is one integer of its bytes; most
    /// words are longer and skip the search.
    static func isStopWord(_ word: [UInt8]) -> Bool {
        guard word.count <= 5 else { return false }
        let key = packed(word)
        var low = 0, high = packedStopWords.count
        while low < high {
            let mid = (low + high) / 2
            if packedStopWords[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < packedStopWords.count && packedStopWords[low] == key
    }

    static let packedStopWords: [UInt64] = stopWords.map { packed(Array($0.utf8)) }.sorted()

    static func packed(_ word: [UInt8]) -> UInt64 {
        word.reduce(UInt64(word.count)) { $0 << 8 | UInt64($1) }
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

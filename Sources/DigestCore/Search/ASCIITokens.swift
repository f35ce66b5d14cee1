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
        guard !bytes.isEmpty else { return }
        // A word, or a group joined, is made in one scratch buffer as long as the text: no
        // array grown, checked and shared per word of every abstract.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
            let word = scratch.baseAddress!
            // A group (words joined by single hyphens) is its first word's start and its ends;
            // plain values and no closures, as this runs once per word of every abstract.
            var groupStart = -1, groupEnd = -1, wordStarts: [Int] = []
            wordStarts.reserveCapacity(8)
            var i = 0
            while i <= bytes.count {
                let start = i
                while i < bytes.count, isASCIIWord(bytes[i]) { i += 1 }
                if i > start {
                    // Words joined by one hyphen are one group, as in `hyphenGroups`.
                    if groupEnd >= 0, groupEnd + 1 == start, bytes[start - 1] == UInt8(ascii: "-") {
                        wordStarts.append(start)
                    } else {
                        flushGroup(bytes, wordStarts, groupStart, groupEnd, dropStopWords, word, &sink)
                        groupStart = start
                        wordStarts.removeAll(keepingCapacity: true)
                        wordStarts.append(start)
                    }
                    groupEnd = i
                }
                if i == bytes.count { break }
                i += 1
            }
            flushGroup(bytes, wordStarts, groupStart, groupEnd, dropStopWords, word, &sink)
        }
    }

    /// Each word of a group, then, when there are several, the group joined.
    private static func flushGroup<Sink: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: [Int], _ groupStart: Int, _ groupEnd: Int,
                                                         _ dropStopWords: Bool, _ word: UnsafeMutablePointer<UInt8>, _ sink: inout Sink) {
        guard groupStart >= 0 else { return }
        let text = bytes.baseAddress!
        for k in starts.indices {
            let end = k + 1 < starts.count ? starts[k + 1] - 1 : groupEnd  // before the hyphen
            word.update(from: text + starts[k], count: end - starts[k])
            emitWord(word, end - starts[k], stop: dropStopWords, &sink)
        }
        if starts.count > 1 {
            var length = 0
            for k in starts.indices {
                let end = k + 1 < starts.count ? starts[k + 1] - 1 : groupEnd
                (word + length).update(from: text + starts[k], count: end - starts[k])
                length += end - starts[k]
            }
            emitWord(word, length, stop: false, &sink)
        }
    }

    @inline(__always) private static func emitWord<Sink: TokenSink>(_ word: UnsafeMutablePointer<UInt8>, _ count: Int, stop: Bool, _ sink: inout Sink) {
        let n = normalizeASCII(word, count)
        let token = UnsafeBufferPointer(start: word, count: n)
        guard n >= 2, !(stop && isStopWord(token)) else { return }
        sink.take(token)
    }

    /// No stop word is longer than five letters, so each is one integer of its bytes; most
    /// words are longer and skip the search.
    static func isStopWord<Word: Collection<UInt8>>(_ word: Word) -> Bool {
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

    static func packed<Word: Collection<UInt8>>(_ word: Word) -> UInt64 {
        word.reduce(UInt64(word.count)) { $0 << 8 | UInt64($1) }
    }

    @inline(__always) static func isASCIIWord(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    /// `normalize` on ASCII bytes, in place: acronym plural, lowercase, Harman's S-stemmer.
    /// The word's new length.
    static func normalizeASCII(_ word: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
        guard n > 0 else { return 0 }
        var acronymPlural = n >= 3 && word[n - 1] == UInt8(ascii: "s") && isUpper(word[0]) && isUpper(word[n - 2])
        if acronymPlural {
            for k in 0..<(n - 1) where !(isUpper(word[k]) || (word[k] >= 0x30 && word[k] <= 0x39)) { acronymPlural = false; break }
        }
        var letters = true
        for k in 0..<n {
            if isUpper(word[k]) { word[k] += 0x20 } else if word[k] < 0x61 || word[k] > 0x7A { letters = false }
        }
        if acronymPlural { return n - 1 }
        // Every rule below takes a final `s` off.
        guard n > 3, letters, word[n - 1] == UInt8(ascii: "s") else { return n }
        func ends(_ suffix: StaticString) -> Bool {
            let k = suffix.utf8CodeUnitCount
            guard n >= k else { return false }
            return suffix.withUTF8Buffer { s in (0..<k).allSatisfy { word[n - k + $0] == s[$0] } }
        }
        if ends("ies"), !ends("eies"), !ends("aies") {
            word[n - 3] = UInt8(ascii: "y")
            return n - 2
        } else if ends("es"), !ends("aes"), !ends("ees"), !ends("oes") {
            return n - 1
        } else if ends("s"), !ends("us"), !ends("ss"), !ends("is") {
            return n - 1
        }
        return n
    }

    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
}

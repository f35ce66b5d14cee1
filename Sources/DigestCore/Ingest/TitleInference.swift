/// A readable title for a paper whose listing gave none, from the opening of its abstract:
/// the first sentence, cut at a whole word to at most twelve words, ending on a content
/// word, with an ellipsis when it was cut.
public enum TitleInference {
    static let maxWords = 12
    static let weakEndings: Set<String> = [
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "from", "at", "as",
        "is", "are", "was", "were", "be", "that", "which", "its", "their", "this", "these", "via", "into",
    ]

    static let clauseWords: Set<String> = ["because", "which", "while", "where", "when", "since", "although", "whereas", "so"]

    public static func title(fromAbstract abstract: String) -> String {
        // Over the bytes, where that cuts the text where its characters would: splitting the
        // sentence into Strings, lowercasing and hashing each, then joining them again was
        // three quarters of inferring a title, and walking characters 80,000 instructions an abstract.
        var text = abstract
        return text.withUTF8 { bytes in punctuationStandsAlone(bytes) ? title(ofBytes: bytes) : nil } ?? titleByCharacters(abstract)
    }

    /// `title(fromAbstract:)` over the text's characters: for text where a mark or a joiner
    /// clings to a space or a stop, and what the byte path is held to.
    static func titleByCharacters(_ abstract: String) -> String {
        var (words, cut) = openingWords(of: firstSentence(of: abstract))
        guard !words.isEmpty else { return "Untitled paper" }
        // Stop before a subordinate clause: the title is what comes before "because", "which", …
        if cut, let clause = words.indices.first(where: { $0 >= 5 && clauseWords.contains(words[$0].lowercased()) }) {
            words = Array(words.prefix(clause))
        }
        // Prefer ending at a clause boundary when one falls in the second half.
        if cut, let clause = words.indices.reversed().first(where: { $0 >= maxWords / 2 && words[$0].hasSuffix(",") }) {
            words = Array(words.prefix(clause + 1))
        }
        while words.count > 3, let last = words.last, weakEndings.contains(trimmed(last).lowercased()) {
            words.removeLast()
            cut = true
        }
        var title = words.joined(separator: " ")
        while let last = title.last, ",;:.(".contains(last) { title.removeLast() }
        title = balanced(title)
        return cut ? title + "…" : title
    }

    /// `titleByCharacters` over the bytes, its words kept as ranges of them.
    private static func title(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> String {
        var (words, cut) = openingWords(ofBytes: bytes)
        guard !words.isEmpty else { return "Untitled paper" }
        func word(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range]) }
        if cut, let clause = words.indices.first(where: { $0 >= 5 && isClauseWord(word(words[$0])) }) {
            words.removeSubrange(clause...)
        }
        if cut, let clause = words.indices.reversed().first(where: { $0 >= maxWords / 2 && bytes[words[$0].upperBound - 1] == UInt8(ascii: ",") }) {
            words.removeSubrange((clause + 1)...)
        }
        while words.count > 3, isWeakEnding(word(words[words.count - 1])) {
            words.removeLast()
            cut = true
        }
        let joined = String(unsafeUninitializedCapacity: words.reduce(words.count) { $0 + $1.count }) { out in
            var count = 0
            for range in words {
                if count > 0 { out[count] = 0x20; count += 1 }
                for i in range { out[count] = bytes[i]; count += 1 }
            }
            while count > 0, trailingMarks.contains(out[count - 1]) { count -= 1 }
            return count
        }
        let title = balanced(joined)
        return cut ? title + "…" : title
    }

    /// What a title does not end on: `,;:.(`.
    private static let trailingMarks: [UInt8] = Array(",;:.(".utf8)

    /// Does every space and stop of the text stand alone as a character? Cutting at bytes cuts
    /// where cutting at characters does unless a mark or joiner follows one (`.` and U+0301 are
    /// one character) or a prepended sign comes before it; whether two scalars are one
    /// character depends only on the pair, so each non-ASCII scalar beside one is asked.
    static func punctuationStandsAlone(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Printable ASCII (most abstracts) is told in one branch-free pass.
        if TextNormalization.printableASCII(bytes) { return true }
        func isCut(_ byte: UInt8) -> Bool { byte == 0x20 || trailingMarks.contains(byte) || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!") }
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            guard lead >= 0x80 else { i += 1; continue }
            let end = min(bytes.count, i + (lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4))
            let before = i > 0 && isCut(bytes[i - 1]), after = end < bytes.count && isCut(bytes[end])
            if before || after {
                let pair = String(decoding: UnsafeBufferPointer(rebasing: bytes[(before ? i - 1 : i)..<(after ? end + 1 : end)]), as: UTF8.self)
                if pair.count != 1 + (before ? 1 : 0) + (after ? 1 : 0) { return false }
            }
            i = end
        }
        return true
    }

    static func firstSentence(of text: String) -> String {
        var previous: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            let next = text.index(after: index)
            // A full stop ends the sentence when a space and a capital follow and it does
            // not end an abbreviation like `e.g.` or `i.e.`.
            if (c == "." || c == "?" || c == "!"), next < text.endIndex, text[next] == " ",
               previous != ".", !text[text.startIndex..<index].hasSuffix("e.g"), !text[text.startIndex..<index].hasSuffix("i.e"),
               !text[text.startIndex..<index].hasSuffix("et al"), !text[text.startIndex..<index].hasSuffix("vs") {
                return String(text[..<index])
            }
            previous = c
            index = next
        }
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    /// The first sentence's words (runs between spaces), the first `maxWords` of them, and
    /// whether it has more.
    static func openingWords(of sentence: String) -> (words: [String], more: Bool) {
        let words = sentence.split(separator: " ")
        return (words.prefix(maxWords).map(String.init), words.count > maxWords)
    }

    /// `openingWords(of: firstSentence(of:))` over bytes (`punctuationStandsAlone`), each word
    /// where it lies in them.
    static func openingWords(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> (words: [Range<Int>], more: Bool) {
        let end = firstSentenceEnd(ofBytes: bytes)
        var words: [Range<Int>] = []
        var start = 0
        for i in 0...end where i == end || bytes[i] == 0x20 {
            if i > start {
                if words.count == maxWords { return (words, true) }
                words.append(start..<i)
            }
            start = i + 1
        }
        return (words, false)
    }

    /// Where `firstSentence(of:)` ends the text's first sentence, over bytes (`punctuationStandsAlone`).
    static func firstSentenceEnd(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int {
        func endsWith(_ suffix: StaticString, at end: Int) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard end >= n else { return false }
            return (0..<n).allSatisfy { bytes[end - n + $0] == suffix.utf8Start[$0] }
        }
        var previous: UInt8 = 0x20
        for i in bytes.indices {
            let c = bytes[i]
            if c == 0x2E || c == 0x3F || c == 0x21, i + 1 < bytes.count, bytes[i + 1] == 0x20, previous != 0x2E,
               !endsWith("e.g", at: i), !endsWith("i.e", at: i), !endsWith("et al", at: i), !endsWith("vs", at: i) {
                return i
            }
            previous = c
        }
        return bytes.last == 0x2E ? bytes.count - 1 : bytes.count
    }

    /// `clauseWords.contains(word.lowercased())`, an ASCII word told by its bytes.
    private static func isClauseWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.allSatisfy({ $0 < 0x80 }) else { return clauseWords.contains(String(decoding: word, as: UTF8.self).lowercased()) }
        return packed(word).map(packedClauseWords.contains) ?? false
    }

    /// `weakEndings.contains(trimmed(word).lowercased())`, an ASCII word told by its bytes.
    private static func isWeakEnding(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.allSatisfy({ $0 < 0x80 }) else { return weakEndings.contains(trimmed(String(decoding: word, as: UTF8.self)).lowercased()) }
        var letters: UInt64 = 0, count = 0
        for byte in word where SearchTokenizer.isASCIIWord(byte) {
            guard count < 8 else { return false }  // longer than any weak ending
            letters |= UInt64(byte.asciiLowercased) << (8 * count)
            count += 1
        }
        return packedWeakEndings.contains(letters)
    }

    /// An ASCII word of up to eight bytes, lowercased, as one number (its first byte lowest);
    /// nil for a longer one. The two word lists hold no longer word.
    private static func packed(_ word: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard word.count <= 8 else { return nil }
        var value: UInt64 = 0
        for (i, byte) in word.enumerated() { value |= UInt64(byte.asciiLowercased) << (8 * i) }
        return value
    }

    private static let packedClauseWords = Set(clauseWords.map { word in word.utf8.withContiguousStorageIfAvailable { packed($0)! }! })
    private static let packedWeakEndings = Set(weakEndings.map { word in word.utf8.withContiguousStorageIfAvailable { packed($0)! }! })

    /// The word's letters and digits: an ASCII word's told by its bytes, as search tokens are
    /// (looking up each scalar's Unicode properties was a tenth of a title's time).
    static func trimmed(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return String(decoding: word.utf8.filter(SearchTokenizer.isASCIIWord), as: UTF8.self) }
        return String(String.UnicodeScalarView(word.unicodeScalars.filter(TextNormalization.isLetterOrNumber)))
    }

    /// An opening bracket whose closing one fell past the cut is dropped with what follows.
    static func balanced(_ title: String) -> String {
        guard title.containsByte(UInt8(ascii: "(")) else { return title }  // most titles, and fast
        // In ASCII (most titles) a character is a byte: the brackets are counted over bytes
        // (walking the title's characters was 2% of an ingest).
        guard !title.containsByte(where: { $0 >= 0x80 }) else { return balancedByCharacters(title) }
        var text = title
        let open = text.withUTF8 { bytes -> Int? in
            var depth = 0
            var lastOpen: Int?
            for (i, byte) in bytes.enumerated() {
                if byte == UInt8(ascii: "(") { if depth == 0 { lastOpen = i }; depth += 1 }
                if byte == UInt8(ascii: ")") { depth = max(0, depth - 1) }
            }
            return depth > 0 ? lastOpen : nil
        }
        guard let open else { return title }
        return String(decoding: title.utf8.prefix(open), as: UTF8.self).trimmingTrailingWhitespace()
    }

    /// `balanced` over the title's characters, for text that is not ASCII.
    static func balancedByCharacters(_ title: String) -> String {
        var depth = 0
        var lastOpen: String.Index?
        for index in title.indices {
            if title[index] == "(" { if depth == 0 { lastOpen = index }; depth += 1 }
            if title[index] == ")" { depth = max(0, depth - 1) }
        }
        guard depth > 0, let open = lastOpen else { return title }
        return String(title[..<open]).trimmingTrailingWhitespace()
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

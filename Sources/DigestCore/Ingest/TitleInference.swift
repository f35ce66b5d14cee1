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
        // Printable ASCII (most abstracts) is cut by its bytes: a character there is one byte.
        var (words, cut) = TextNormalization.isPrintableASCII(abstract) ? openingWords(ofASCII: abstract)
                                                                         : openingWords(of: firstSentence(of: abstract))
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

    /// `openingWords(of: firstSentence(of:))` for printable ASCII, over its bytes: only the
    /// words kept become Strings (splitting whole sentences was most of a title's cost).
    static func openingWords(ofASCII text: String) -> (words: [String], more: Bool) {
        var text = text
        return text.withUTF8 { bytes in
            let end = firstSentenceEnd(ofASCII: bytes)
            var words: [String] = []
            var start = 0
            for i in 0...end where i == end || bytes[i] == 0x20 {
                if i > start {
                    if words.count == maxWords { return (words, true) }
                    words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                }
                start = i + 1
            }
            return (words, false)
        }
    }

    /// Where `firstSentence(of:)` ends the text's first sentence, for printable ASCII.
    static func firstSentenceEnd(ofASCII bytes: UnsafeBufferPointer<UInt8>) -> Int {
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

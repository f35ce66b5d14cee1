import Foundation

/// Words as search compares them, the same in the index and in every query. The browser's
/// copy of these rules is `templates/assets/search.js` (`tokenize`); `Tests/search/tokens.json`
/// pins both to the same answers.
///
/// - case and accents folded (`Schölkopf` → `scholkopf`, final `ς` → `σ`), compatibility forms unfolded (`ﬁ` → `fi`);
/// - hyphenated words give their parts and the whole (`Multi-HMR` → `multi`, `hmr`, `multihmr`);
/// - an acronym's plural is the acronym (`LLMs` → `llm`);
/// - light stemming of English plurals (Harman's S-stemmer: `policies` → `policy`, `models` → `model`);
/// - one-character words and, where asked, a few stop words are left out.
public enum SearchTokenizer {
    public static func tokens(_ text: String, dropStopWords: Bool = true) -> [String] {
        var out = StringTokens()
        forEachToken(text, dropStopWords: dropStopWords, into: &out)
        return out.tokens
    }

    /// The tokens of `text`, as UTF-8 bytes, into `sink`. Most titles and abstracts are ASCII:
    /// those take a path of bytes with the same answers (`ASCIITokens.swift`). White space
    /// ends every word and group, so a text is tokens piece by piece between its ASCII white
    /// space: in an abstract with a `é` or a `∑` in it, only the pieces holding one take the
    /// general path (whole, those abstracts were a fifth of the search index's time at 100k papers).
    static func forEachToken<Sink: TokenSink>(_ text: String, dropStopWords: Bool, into sink: inout Sink) {
        var text = text
        text.withUTF8 { bytes in
            guard !bytes.allSatisfy({ $0 < 0x80 }) else { return forEachASCIIToken(bytes, dropStopWords: dropStopWords, into: &sink) }
            var start = 0
            while true {
                while start < bytes.count, bytes[start].isASCIIWhiteSpace { start += 1 }
                if start == bytes.count { return }
                // A run of ASCII pieces at once; else one piece with a byte past ASCII.
                var end = start, asciiEnd = start
                while end < bytes.count, bytes[end] < 0x80 {
                    if bytes[end].isASCIIWhiteSpace { asciiEnd = end }
                    end += 1
                }
                if end == bytes.count { asciiEnd = end }
                if asciiEnd > start {
                    forEachASCIIToken(UnsafeBufferPointer(rebasing: bytes[start..<asciiEnd]), dropStopWords: dropStopWords, into: &sink)
                    start = asciiEnd
                    continue
                }
                end = start
                while end < bytes.count, !bytes[end].isASCIIWhiteSpace { end += 1 }
                let piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                for var token in generalTokens(piece, dropStopWords: dropStopWords) { token.withUTF8 { sink.take($0) } }
                start = end
            }
        }
    }

    struct StringTokens: TokenSink {
        var tokens: [String] = []
        mutating func take(_ token: UnsafeBufferPointer<UInt8>) { tokens.append(String(decoding: token, as: UTF8.self)) }
    }

    static func generalTokens(_ text: String, dropStopWords: Bool) -> [String] {
        var out: [String] = []
        for group in hyphenGroups(text) {
            for word in group {
                let term = normalize(word)
                if term.unicodeScalars.count >= 2, !(dropStopWords && stopWords.contains(term)) { out.append(term) }
            }
            if group.count > 1 {
                let whole = normalize(group.joined())
                if whole.unicodeScalars.count >= 2 { out.append(whole) }
            }
        }
        return out
    }

    /// Neighbouring words as pairs (`spectrally transformed`), indexed and looked up whole.
    public static func pairs(_ words: [String]) -> [String] {
        zip(words, words.dropFirst()).map { $0 + " " + $1 }
    }

    /// A filter value as a key: folded words joined by `-` (`ICLR 2024` → `iclr-2024`), no stemming.
    public static func key(_ text: String) -> String {
        asciiWords(text)?.joined(separator: "-") ?? generalKey(text)
    }

    /// The words of an ASCII text — its runs of ASCII letters and digits — lowercased, as
    /// `key` and the `author:` filters take them; nil for any other text.
    static func asciiWords(_ text: String) -> [String]? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return text.utf8.split { !isASCIIWord($0) }.map { String(decoding: $0.map(\.asciiLowercased), as: UTF8.self) }
    }

    static func generalKey(_ text: String) -> String {
        hyphenGroups(text).joined().map(fold).filter { !$0.isEmpty }.joined(separator: "-")
    }

    /// Runs of word characters; runs joined by a single hyphen form one group.
    static func hyphenGroups(_ text: String) -> [[String]] {
        var groups: [[String]] = []
        var current: [String] = []
        var start: String.Index? = nil
        var joinerPending = false
        var index = text.startIndex
        let scalars = text.unicodeScalars
        while index != text.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if isWordScalar(scalar) {
                if start == nil {
                    if !joinerPending, !current.isEmpty { groups.append(current); current = [] }
                    start = index
                }
                joinerPending = false
            } else {
                if let s = start { current.append(String(scalars[s..<index])); start = nil; joinerPending = isHyphen(scalar) }
                else { joinerPending = false }
            }
            index = next
        }
        if let s = start { current.append(String(scalars[s...])) }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    static func isHyphen(_ s: Unicode.Scalar) -> Bool { s == "-" || s == "\u{2010}" || s == "\u{2011}" }

    /// Lowercase, accents off, only letters and digits left.
    static func fold<S: StringProtocol>(_ word: S) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        let decomposed = String(word).decomposedStringWithCompatibilityMapping
        let bare = String.UnicodeScalarView(decomposed.unicodeScalars.filter { !isMark($0) })
        // Final sigma is sigma: lowercasing does not agree across languages on when to write it.
        let lower = String(bare).lowercased().replacingOccurrences(of: "\u{3C2}", with: "\u{3C3}")
        // Lowercasing can add a mark (`İ` → `i̇`): only letters and digits are kept.
        return String(String.UnicodeScalarView(lower.unicodeScalars.filter { isWordScalar($0) && !isMark($0) }))
    }

    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func normalize<S: StringProtocol>(_ word: S) -> String {
        if isAcronymPlural(word) { return String(word.dropLast()).lowercased() }
        return stem(fold(word))
    }

    /// `LLMs`, `GANs`, `CNNs`: two or more capitals (digits allowed after the first), then `s`.
    static func isAcronymPlural<S: StringProtocol>(_ word: S) -> Bool {
        let bytes = Array(word.utf8)
        guard bytes.count >= 3, bytes.last == UInt8(ascii: "s") else { return false }
        let body = bytes.dropLast()
        guard let first = body.first, first >= 0x41, first <= 0x5A, let last = body.last, last >= 0x41, last <= 0x5A else { return false }
        return body.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// Harman's S-stemmer, on words of letters longer than three.
    static func stem(_ term: String) -> String {
        let scalars = Array(term.unicodeScalars)
        guard scalars.count > 3, scalars.allSatisfy(isLetter) else { return term }
        func ends(_ suffix: String) -> Bool { term.hasSuffix(suffix) }
        if ends("ies"), !ends("eies"), !ends("aies") { return String(term.unicodeScalars.dropLast(3)) + "y" }
        if ends("es"), !ends("aes"), !ends("ees"), !ends("oes") { return String(term.unicodeScalars.dropLast(1)) }
        if ends("s"), !ends("us"), !ends("ss"), !ends("is") { return String(term.unicodeScalars.dropLast(1)) }
        return term
    }

    /// `isAlphabetic`, without the Unicode tables for ASCII.
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A : s.properties.isAlphabetic
    }

    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "for", "from", "has", "have",
        "in", "into", "is", "it", "its", "of", "on", "or", "our", "such", "than", "that", "the", "their",
        "these", "this", "those", "to", "was", "we", "were", "which", "while", "with",
    ]
}

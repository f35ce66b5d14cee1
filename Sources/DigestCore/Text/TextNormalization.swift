import Foundation

/// How listing text becomes record text: entities decoded, every run of white space
/// (tabs, no-break spaces, stray line breaks, U+2028/U+2029) folded to one space, Unicode NFC,
/// and characters that only hide or disguise text removed (`invisible`).
public enum TextNormalization {
    /// Removed from every text: control characters (NUL and the rest of C0 and C1), the bidi
    /// embeddings, overrides, isolates and marks that can make a title read differently from
    /// what it says ("Trojan Source"), and zero-width spaces and joiners that only hide words from
    /// search and duplicate detection. Kept: ZWNJ and ZWJ (U+200C, U+200D), which Persian,
    /// Indic scripts and emoji need.
    static func invisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true             // controls (white space is handled before)
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidi controls
        case 0x200B, 0x2060, 0xFEFF, 0x00AD: return true       // zero-width space, word joiner, BOM, soft hyphen
        default: return false
        }
    }

    public static func clean(_ raw: String) -> String {
        // Most text is plain ASCII with no entity in it: one pass over its bytes tells.
        if isPlainASCII(raw, entities: false) { return raw }
        let decoded = HTMLEntities.decode(raw)
        if isPlainASCII(decoded) { return decoded }
        let out = collapsed(decoded)
        return isNFC(out) ? out : out.precomposedStringWithCanonicalMapping
    }

    /// White space folded to single spaces (none at either end) and `invisible` scalars
    /// dropped, over the text's bytes: an ASCII byte is judged as it is, and only a non-ASCII
    /// scalar is decoded, its bytes copied as they stand. Walking `unicodeScalars` and appending
    /// each one's `utf8` was a tenth of reading a listing (twice this, for text that is mostly ASCII).
    static func collapsed(_ text: String) -> String {
        // What is kept is never longer than the text (a no-break space's two bytes become one).
        // Appending to an array a byte at a time was ~60 instructions a byte.
        String(rewriting: text) { bytes, out in
            var count = 0
            var pendingSpace = false
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                if lead < 0x80 {
                    // Written out, not through a nested function: the loop took a quarter
                    // more instructions so.
                    if lead > 0x20 && lead != 0x7F {
                        if pendingSpace { out[count] = 0x20; count += 1; pendingSpace = false }
                        out[count] = lead
                        count += 1
                    } else if lead == 0x20 || (lead >= 0x09 && lead <= 0x0D) {
                        pendingSpace = count > 0
                    }  // else a control: invisible
                    i += 1
                    continue
                }
                // A String's bytes are valid UTF-8: the lead byte gives the length.
                let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                let scalar = Unicode.Scalar(value)!
                if isWhitespace(scalar) || value == 0xA0 {
                    pendingSpace = count > 0
                } else if !invisible(scalar) {
                    if pendingSpace { out[count] = 0x20; count += 1; pendingSpace = false }
                    for k in 0..<length { out[count] = bytes[i + k]; count += 1 }
                }
                i += length
            }
            return count
        }
    }

    /// Is the text in NFC already, by the standard library's quick check? Most text with a
    /// non-ASCII character (a curly quote, a dash, an accented name) is, and Foundation's
    /// normalisation of it was a tenth of an ingest. When the check cannot tell, Foundation decides.
    static func isNFC(_ text: String) -> Bool {
        guard #available(macOS 26, *) else { return false }
        var span = text.utf8Span
        return span.checkForNFC(quickCheck: true)
    }

    /// The key two texts share when they name the same paper: diacritics and case folded,
    /// every run of punctuation or space one space. `Fast &amp; Slow` and `fast & slow` agree.
    public static func identityKey(_ text: String) -> String {
        var text = text
        return text.withUTF8 { asciiIdentityKey($0) ?? mixedIdentityKey($0) }
    }

    /// `identityKey` of text with non-ASCII characters. Foundation's folding is slow on Linux,
    /// so only the words that hold such characters go through it, each on its own: folding
    /// works character by character, and the ASCII spaces and punctuation where the text is
    /// cut into words fold to themselves. (A test holds this to folding the whole text in the
    /// POSIX locale, for every character of the Basic Multilingual Plane.) No locale is given:
    /// with one, Foundation made a CoreFoundation locale from it for every word.
    private static func mixedIdentityKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        keyBytes.withUnsafeBufferPointer { table in
            // The words with a non-ASCII character in them, keyed first: folded, one may grow.
            var words: [(range: Range<Int>, key: [UInt8])] = []
            var wordStart = 0
            var i = 0
            while i < bytes.count {
                if bytes[i] < 0x80 {
                    if table[Int(bytes[i])] == 0x20 { wordStart = i + 1 }
                    i += 1
                    continue
                }
                // A word ends only at an ASCII gap.
                var end = i + 1
                while end < bytes.count, bytes[end] >= 0x80 || table[Int(bytes[end])] != 0x20 { end += 1 }
                var key: [UInt8] = []
                appendKey(ofWord: wordStart..<end, in: bytes, table: table, to: &key)
                words.append((wordStart..<end, key))
                i = end
            }
            words.append((bytes.count..<bytes.count, []))
            let growth = words.reduce(0) { $0 + max(0, $1.key.count - $1.range.count) }
            // Then the text as `asciiIdentityKey` writes it, each such word as its key.
            // (A byte at a time into an array that tracked the gaps was 60 instructions a byte.)
            return String(unsafeUninitializedCapacity: bytes.count + growth) { out in
                var count = 0
                var previous: UInt8 = 0x20
                var at = 0
                for word in words {
                    for byte in bytes[at..<word.range.lowerBound] { joinKey(table[Int(byte)], to: out, &count, after: &previous) }
                    for key in word.key { joinKey(key, to: out, &count, after: &previous) }
                    at = word.range.upperBound
                }
                if count > 0, out[count - 1] == 0x20 { count -= 1 }
                return count
            }
        }
    }

    /// A key byte written after the others, a space (a gap) only where the byte before is not one.
    @inline(__always) private static func joinKey(_ key: UInt8, to out: UnsafeMutableBufferPointer<UInt8>,
                                                  _ count: inout Int, after previous: inout UInt8) {
        out[count] = key
        // Counted unless both are spaces, by arithmetic (a condition here became a branch).
        count &+= Int((UInt32((key ^ 0x20) | (previous ^ 0x20)) &+ 0xFF) >> 8)
        previous = key
    }

    /// The key of one word with a non-ASCII character in it, a gap as a space: over its bytes
    /// when those characters are punctuation (`gapPunctuation`), else folded by Foundation.
    private static func appendKey(ofWord word: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>,
                                  table: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if let gaps = gapPunctuation(in: bytes, word) {
            // Curly quotes, dashes and the like are most of the non-ASCII in listings:
            // those words need no folding.
            var i = word.lowerBound
            for mark in gaps {
                for byte in bytes[i..<mark.lowerBound] { out.append(table[Int(byte)]) }
                out.append(0x20)
                i = mark.upperBound
            }
            for byte in bytes[i..<word.upperBound] { out.append(table[Int(byte)]) }
            return
        }
        // With the space or punctuation before it: a combining mark that starts the word
        // belongs to that character, and folding drops it only there.
        let text = UnsafeBufferPointer(rebasing: bytes[max(0, word.lowerBound - 1)..<word.upperBound])
        let folded = String(decoding: text, as: UTF8.self)
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        for scalar in folded.unicodeScalars {
            if isLetterOrNumber(scalar) { out += UTF8.encode(scalar)! } else { out.append(0x20) }
        }
    }

    /// Where a word's non-ASCII characters are, when each is punctuation that folding leaves
    /// as it is and a key takes as a gap: a no-break space, the middle dot, or one of U+2010–
    /// U+2027 (dashes, quotes, bullets, the ellipsis). nil when the word holds any other.
    private static func gapPunctuation(in bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> [Range<Int>]? {
        var gaps: [Range<Int>] = []
        var i = word.lowerBound
        while i < word.upperBound {
            let byte = bytes[i]
            if byte < 0x80 { i += 1; continue }
            // A word ends only at an ASCII byte, so a character's bytes are all inside it.
            let next = i + 1 < word.upperBound ? bytes[i + 1] : 0
            if byte == 0xC2, next == 0xA0 || next == 0xB7 {
                gaps.append(i..<(i + 2))
            } else if byte == 0xE2, next == 0x80, i + 2 < word.upperBound, (0x90...0xA7).contains(bytes[i + 2]) {
                gaps.append(i..<(i + 3))
            } else {
                return nil
            }
            i = gaps[gaps.count - 1].upperBound
        }
        return gaps
    }

    /// `identityKey` of ASCII text, in one pass over its bytes into the key's own storage (a
    /// listing of 30,000 papers keys each title and abstract); nil when the text is not ASCII.
    private static func asciiIdentityKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        let key = keyBytes.withUnsafeBufferPointer { table in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                // Each byte is written as its key byte, a gap as a space, and counted unless it
                // is a space after a space: no branch on what a byte is (words and gaps alternate
                // as the text goes), and the count depends on the input alone. (Locals only: a
                // variable of the enclosing function would be loaded and stored at every byte.)
                var count = 0
                var previous: UInt8 = 0x20  // so that a gap at the start is dropped
                var high: UInt8 = 0  // every byte or'ed: its top bit is set by a byte that is not ASCII
                var i = 0
                // Eight bytes at a time where they key to themselves bar case, with no two gaps
                // together (`wordKey`): most of a text. A byte at a time was 12 instructions a byte.
                while i + 8 <= bytes.count {
                    let chunk = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
                    if chunk & 0x8080_8080_8080_8080 != 0 { ascii = false; return 0 }
                    if let key = wordKey(chunk, after: previous) {
                        UnsafeMutableRawPointer(out.baseAddress! + count).storeBytes(of: key.littleEndian, as: UInt64.self)
                        count += 8
                        previous = UInt8(truncatingIfNeeded: key >> 56)
                    } else {
                        for byte in bytes[i..<(i + 8)] { joinKey(table[Int(byte)], to: out, &count, after: &previous) }
                    }
                    i += 8
                }
                for byte in bytes[i...] {
                    high |= byte
                    joinKey(table[Int(byte)], to: out, &count, after: &previous)
                }
                if count > 0, out[count - 1] == 0x20 { count -= 1 }
                ascii = high < 0x80
                return ascii ? count : 0
            }
        }
        return ascii ? key : nil
    }

    /// The key of eight ASCII bytes (the first in the lowest byte) when it is eight bytes
    /// long: letters lowercased, digits as they are, any other byte a space — and no space
    /// after a space, nor first after a space (`previous`). nil when some gap would fold away.
    /// Byte-wise ranges by arithmetic on the whole word: with every byte below 0x80, adding to
    /// or taking from one byte never carries into the next.
    @inline(__always) private static func wordKey(_ chunk: UInt64, after previous: UInt8) -> UInt64? {
        let ones: UInt64 = 0x0101_0101_0101_0101, tops: UInt64 = 0x8080_8080_8080_8080
        // The top bit of each byte of the result: set where the byte is in `low...high`.
        @inline(__always) func within(_ x: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
            let atLeastLow = (x | tops) &- UInt64(low) &* ones
            let aboveHigh = x &+ UInt64(0x7F - high) &* ones
            return atLeastLow & ~aboveHigh & tops
        }
        let lowered = chunk | 0x20 &* ones  // a digit has that bit already
        let kept = within(lowered, 0x61, 0x7A) | within(chunk, 0x30, 0x39)
        let gaps = ~kept & tops
        // Two gaps side by side, or a gap first after a space, fold into one.
        guard gaps & (gaps << 8) == 0, !(gaps & 0x80 != 0 && previous == 0x20) else { return nil }
        let keptBytes = (kept >> 7) &* 0xFF
        return (lowered & keptBytes) | (0x20 &* ones & ~keptBytes)
    }

    /// `asciiKeyByte` of every ASCII byte, looked up, with a space for a gap (and for what is
    /// not ASCII, which `asciiIdentityKey` leaves to `mixedIdentityKey`). A branch per byte was
    /// most of keying an abstract.
    private static let keyBytes: [UInt8] = (0...255).map { byte in
        byte >= 0x80 ? 0x20 : asciiKeyByte(UInt8(byte)) ?? 0x20
    }

    /// An ASCII byte as an identity key has it: a letter lowercased, a digit as it is, and nil
    /// for anything else (a gap between words).
    @inline(__always) static func asciiKeyByte(_ byte: UInt8) -> UInt8? {
        let lower = byte.asciiLowercased
        return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) ? lower : nil
    }

    /// Unicode's White_Space, without its tables for ASCII (tab to carriage return, and space):
    /// text with one accent goes through the scalar loops, and most of its scalars are ASCII.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
    }

    /// Alphabetic or numeric, the same way.
    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value | 0x20
            return (v >= 0x61 && v <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Printable ASCII with single spaces and no space at either end: already clean. With
    /// `entities: false`, also no `&`, so no entity to decode either.
    /// Every byte is looked at, with no branch and no early exit, so that the loop runs many
    /// bytes at a time (most texts pass, and an abstract is a thousand bytes).
    static func isPlainASCII(_ text: String, entities: Bool = true) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            guard first != 0x20, last != 0x20 else { return false }
            // In one pass: the largest byte less space (as `printableASCII`), and the least of
            // what is zero where two spaces meet or at an `&` (or at a byte of 0, not printable).
            let ampersand: UInt8 = entities ? 0 : 0x26
            var (largest, least) = (first &- 0x20, first ^ ampersand)
            for i in 1..<bytes.count {
                largest = max(largest, bytes[i] &- 0x20)
                least = min(least, (bytes[i - 1] ^ 0x20) | (bytes[i] ^ 0x20), bytes[i] ^ ampersand)
            }
            return largest < 0x7F - 0x20 && least != 0
        }
    }

    /// Is every byte printable ASCII (space to tilde)? Then each is one character, too.
    static func isPrintableASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { printableASCII($0) }
    }

    /// A byte below space wraps around to above tilde once space is taken from it: the largest
    /// difference tells, with no branch per byte.
    static func printableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var largest: UInt8 = 0
        for byte in bytes { largest = max(largest, byte &- 0x20) }
        return largest < 0x7F - 0x20
    }

    /// The words of a text (runs of characters other than space and tab), counted up to `limit`:
    /// callers only ask whether a line or an abstract is longer than a few words.
    public static func wordCount(_ text: String, upTo limit: Int = .max) -> Int {
        var text = text
        return text.withUTF8 { wordCount($0, upTo: limit) }
    }

    static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>, upTo limit: Int = .max) -> Int {
        var count = 0
        var inWord = false
        for byte in bytes {
            let space = byte == 0x20 || byte == 0x09
            if !space && !inWord {
                count += 1
                if count >= limit { return count }
            }
            inWord = !space
        }
        return count
    }
}

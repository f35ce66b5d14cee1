import Foundation

/// How listing text becomes record text: entities decoded, every run of white space
/// (tabs, no-break spaces, stray line breaks) folded to one space, Unicode NFC.
public enum TextNormalization {
    public static func clean(_ raw: String) -> String {
        let decoded = HTMLEntities.decode(raw)
        if isPlainASCII(decoded) { return decoded }
        var out = ""
        out.reserveCapacity(decoded.utf8.count)
        var pendingSpace = false
        for scalar in decoded.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{00A0}" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
            out.unicodeScalars.append(scalar)
        }
        return out.precomposedStringWithCanonicalMapping
    }

    /// The key two texts share when they name the same paper: diacritics and case folded,
    /// every run of punctuation or space one space. `Fast &amp; Slow` and `fast & slow` agree.
    public static func identityKey(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            var gap = false
            for byte in text.utf8 {
                let lower = byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)
                if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    if gap && !out.isEmpty { out.append(0x20) }
                    gap = false
                    out.append(lower)
                } else {
                    gap = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive],
                                  locale: Locale(identifier: "en_US_POSIX"))
        var out = ""
        out.reserveCapacity(folded.utf8.count)
        var gap = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if gap && !out.isEmpty { out.unicodeScalars.append(" ") }
                gap = false
                out.unicodeScalars.append(scalar)
            } else {
                gap = true
            }
        }
        return out
    }

    /// Printable ASCII with single spaces and no space at either end: already clean.
    static func isPlainASCII(_ text: String) -> Bool {
        var previousSpace = true
        for byte in text.utf8 {
            if byte >= 0x7F || byte < 0x20 { return false }
            if byte == 0x20 { if previousSpace { return false }; previousSpace = true } else { previousSpace = false }
        }
        return !previousSpace || text.isEmpty
    }

    public static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            let space = byte == 0x20 || byte == 0x09
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
}

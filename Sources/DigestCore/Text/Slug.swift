import Foundation

/// ASCII slugs for ids and URLs: `François Charton` → `francois-charton`. Only `[a-z0-9-]`
/// ever comes out, so a slug is safe as a path component.
public enum Slug {
    /// Is this a slug `make` could give: `[a-z0-9]` runs joined by single `-`? Record ids
    /// must be, since they become folders and URLs of the site.
    /// One pass over the bytes (Foundation's `contains("--")` went through NSString: a twentieth
    /// of loading a record, in every build).
    public static func isValid(_ id: String) -> Bool {
        guard !id.utf8.isEmpty, id.utf8.count <= 200 else { return false }
        var previous = UInt8(ascii: "-")  // so that a leading `-` fails as a doubled one
        for byte in id.utf8 {
            guard (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D else { return false }
            if byte == 0x2D, previous == 0x2D { return false }
            previous = byte
        }
        return previous != 0x2D
    }

    public static func make(_ text: String, maxLength: Int = 80) -> String {
        // ASCII needs neither transform (the loop below lowercases), and ICU's transliterator
        // was a tenth of a paper page's context, made for every author and BibTeX key.
        let ascii = text.containsByte(where: { $0 >= 0x80 })
            ? (text.applyingTransform(.toLatin, reverse: false) ?? text)
                .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            : text
        // Made over bytes into the slug's own storage (never longer than the text): appending
        // scalars to a String one at a time was a sixth of merging an ingest's papers, and
        // appending to an array, then counting and cutting the String, 16,000 instructions a
        // title. Any byte of another non-ASCII scalar is a gap, as that scalar was.
        // (No `ß` reaches here: case folding made it `ss`.)
        return String(rewriting: ascii) { utf8, out in
            var count = 0
            var dash = false
            var i = 0
            while i < utf8.count {
                var byte = utf8[i]
                switch byte {
                case 0x41...0x5A, 0x61...0x7A, 0x30...0x39:
                    if dash && count > 0 { out[count] = 0x2D; count += 1 }
                    dash = false
                    if byte <= 0x5A && byte >= 0x41 { byte += 32 }
                    out[count] = byte
                    count += 1
                case 0x27: break  // "Alzheimer's" → "alzheimers", not "alzheimer-s"
                case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && utf8[i + 2] == 0x99:  // ’, as '
                    i += 2
                default: dash = true
                }
                i += 1
            }
            // The slug is ASCII: a byte is a character. A long one is cut at a word
            // boundary, so that it stays readable.
            guard count > maxLength else { return count }
            if let cut = (maxLength / 2...maxLength).last(where: { out[$0] == 0x2D }) { return cut }
            return maxLength
        }
    }

    /// A short, stable suffix for telling apart two papers whose slugs collide.
    public static func disambiguator(for key: String) -> String {
        let hash = StableHash.of(key)
        let hex = String(hash, radix: 16)
        return String(String(repeating: "0", count: max(0, 16 - hex.count)) + hex).prefix(6).description
    }
}

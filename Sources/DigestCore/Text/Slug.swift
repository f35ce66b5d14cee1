import Foundation

/// ASCII slugs for ids and URLs: `François Charton` → `francois-charton`. Only `[a-z0-9-]`
/// ever comes out, so a slug is safe as a path component.
public enum Slug {
    /// Is this a slug `make` could give: `[a-z0-9]` runs joined by single `-`? Record ids
    /// must be, since they become folders and URLs of the site.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 200 && id.first != "-" && id.last != "-" && !id.contains("--")
            && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    public static func make(_ text: String, maxLength: Int = 80) -> String {
        // ASCII needs neither transform (the loop below lowercases), and ICU's transliterator
        // was a tenth of a paper page's context, made for every author and BibTeX key.
        let ascii = text.utf8.allSatisfy({ $0 < 0x80 }) ? text
            : (text.applyingTransform(.toLatin, reverse: false) ?? text)
                .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        var dash = false
        for scalar in ascii.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9":
                if dash && !slug.isEmpty { slug.append("-") }
                dash = false
                slug.unicodeScalars.append(scalar)
            case "A"..."Z":
                if dash && !slug.isEmpty { slug.append("-") }
                dash = false
                slug.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            case "ß":
                if dash && !slug.isEmpty { slug.append("-") }
                dash = false
                slug.append("ss")
            case "'", "\u{2019}":
                continue  // "Alzheimer's" → "alzheimers", not "alzheimer-s"
            default:
                dash = true
            }
        }
        guard slug.count > maxLength else { return slug }
        // Cut at a word boundary so the slug stays readable.
        let prefix = slug.prefix(maxLength + 1)
        if let cut = prefix.lastIndex(of: "-"), prefix.distance(from: prefix.startIndex, to: cut) >= maxLength / 2 {
            return String(prefix[..<cut])
        }
        return String(slug.prefix(maxLength))
    }

    /// A short, stable suffix for telling apart two papers whose slugs collide.
    public static func disambiguator(for key: String) -> String {
        let hash = StableHash.of(key)
        let hex = String(hash, radix: 16)
        return String(String(repeating: "0", count: max(0, 16 - hex.count)) + hex).prefix(6).description
    }
}

import Foundation

/// One person: every spelling of a name that agrees after Unicode NFC, case folding and
/// white-space folding. Shown in the best-cased spelling seen (`Ajay Jaiswal`, not
/// `AJAY JAISWAL`), with an ASCII slug for its page.
public struct Author: Sendable {
    public let id: String
    public let name: String
    /// Indices into `SiteModel.papers`, newest first.
    public var papers: [Int]
    /// Co-authors as indices into `SiteModel.authors`, with the number of shared papers;
    /// most shared first, then by name.
    public var coauthors: [(author: Int, count: Int)] = []

    /// The key the A–Z index sorts by: family name, then given names.
    /// (The name cut at its last space, not split into words: `identityKey` makes every run of
    /// spaces one and drops them at the ends, as joining the words did. A split into Substrings
    /// was most of the 6,000 instructions a key took, for every author, twice a build.)
    public var sortKey: String { Self.sortKey(of: name) }

    /// The letter the A–Z index files an author of this name under: their sort key's first
    /// character upper-cased when it is a letter, else `#`. An ASCII name's is found from its
    /// bytes, as the key has them (`TextNormalization.asciiKeyByte`: the first that keys to a
    /// letter or digit, the family name's first), without making the key: 2.6k instructions,
    /// for each of 155k authors of the index at 100k papers.
    static func initial(of name: String) -> String {
        let ascii = name.withUTF8Bytes { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard let last = bytes.lastIndex(where: { $0 != 0x20 }) else { return "#" }
            let space = bytes[..<last].lastIndex(of: 0x20)
            let family = space.map { bytes[($0 + 1)...] } ?? bytes[...]
            let given = space.map { bytes[..<$0] } ?? bytes[bytes.endIndex...]
            for byte in [family, given].joined() {
                guard let key = TextNormalization.asciiKeyByte(byte) else { continue }
                return key >= UInt8(ascii: "a") ? String(UnicodeScalar(key - 0x20)) : "#"
            }
            return "#"
        }
        return ascii ?? sortKey(of: name).first.map { $0.isLetter ? String($0).uppercased() : "#" } ?? "#"
    }

    /// The sort key of an author of this name.
    static func sortKey(of name: String) -> String {
        let bytes = name.utf8
        guard let last = bytes.lastIndex(where: { $0 != 0x20 }) else { return TextNormalization.identityKey(name) }
        guard let space = bytes[..<last].lastIndex(of: 0x20) else { return TextNormalization.identityKey(name) }
        return TextNormalization.identityKey(String(name[bytes.index(after: space)...]) + " " + String(name[..<space]))
    }
}

public enum AuthorIdentity {
    /// Two names are one person's when their keys have the same bytes: a key is in composed
    /// form (NFC) to its end, as lowering the case of a composed name may leave it otherwise.
    public static func key(_ name: String) -> String {
        if let key = asciiKey(name) { return key }
        let folded = name.precomposedStringWithCanonicalMapping.lowercased()
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").precomposedStringWithCanonicalMapping
    }

    /// The same for an ASCII name (most), on its bytes: NFC leaves ASCII as it is, and its
    /// white space is tab to carriage return and space. Nil for any other name. (The model
    /// makes a key for every name of every byline: 500k at 100k papers.)
    static func asciiKey(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes -> String? in
            var key: [UInt8] = []
            key.reserveCapacity(bytes.count)
            var space = false
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                if byte.isASCIIWhiteSpace {
                    space = !key.isEmpty
                    continue
                }
                if space { key.append(0x20); space = false }
                key.append(byte.asciiLowercased)
            }
            return String(decoding: key, as: UTF8.self)
        }
    }

    /// The spelling to show: mixed case beats all-caps or all-lower; then the most used;
    /// then the first in code-point order, so the choice is stable.
    static func bestSpelling(_ spellings: [(name: String, count: Int)]) -> String {
        func mixed(_ s: String) -> Bool { s != s.uppercased() && s != s.lowercased() }
        return spellings.sorted { a, b in
            if mixed(a.name) != mixed(b.name) { return mixed(a.name) }
            if a.count != b.count { return a.count > b.count }
            return a.name < b.name
        }[0].name
    }
}

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
    public var sortKey: String {
        let words = name.split(separator: " ")
        let family = words.last.map(String.init) ?? name
        return TextNormalization.identityKey(family + " " + words.dropLast().joined(separator: " "))
    }
}

public enum AuthorIdentity {
    public static func key(_ name: String) -> String {
        let folded = name.precomposedStringWithCanonicalMapping.lowercased()
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The spelling to show: mixed case beats all-caps or all-lower; then the most used;
    /// then the first in code-point order, so the choice is stable.
    static func bestSpelling(_ spellings: [String: Int]) -> String {
        func mixed(_ s: String) -> Bool { s != s.uppercased() && s != s.lowercased() }
        return spellings.sorted { a, b in
            if mixed(a.key) != mixed(b.key) { return mixed(a.key) }
            if a.value != b.value { return a.value > b.value }
            return a.key < b.key
        }[0].key
    }
}

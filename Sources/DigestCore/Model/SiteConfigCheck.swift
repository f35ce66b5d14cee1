import Foundation
import Yams

/// What `digest.yml` may say that the site cannot use, each said at its line: a value of the
/// wrong kind, a value of the right kind that makes no site, a key that means nothing.
extension SiteConfig {
    /// A value of the right type that the site still cannot use, at its line: an address the
    /// feeds and canonical links cannot start with, a page of no papers (`per_page: 0` made a
    /// page per paper), a `lang` attribute no browser reads.
    func valueProblem(_ node: Node, file: String) -> Diagnostic? {
        func line(_ key: CodingKeys) -> Int? { Self.node(at: [key.rawValue], in: node)?.mark?.line }
        if let problem = Self.baseURLProblem(baseURL) { return Diagnostic(file: file, line: line(.baseURL), .error, "`base_url` " + problem) }
        if perPage < 1 { return Diagnostic(file: file, line: line(.perPage), .error, "`per_page` must be 1 or more, not \(perPage)") }
        if !Self.isLanguageTag(language) {
            return Diagnostic(file: file, line: line(.language), .error, "`language` must be a language tag, like en or de-CH, not `\(language)`")
        }
        for (name, settings) in listings.sorted(by: { $0.key < $1.key }) {
            guard let year = settings.year, !Self.isFourDigitYear(year) else { continue }
            return Diagnostic(file: file, line: Self.node(at: ["listings", name, "year"], in: node)?.mark?.line, .error, "`listings.\(name).year` must be a year of four digits, like 2024, not \(year)")
        }
        return nil
    }

    /// The value under `keys`, mapping by mapping, in the file as parsed.
    static func node(at keys: [String], in root: Node?) -> Node? {
        var node = root
        for key in keys {
            guard case .mapping(let map)? = node else { return nil }
            node = map.first { $0.key.string == key }?.value
        }
        return node
    }

    /// A year a record's date (YYYY-MM-DD) can be written with.
    public static func isFourDigitYear(_ year: Int) -> Bool { (1000...9999).contains(year) }

    /// Why `url` cannot begin the site's absolute links, or nil (an empty one means none).
    public static func baseURLProblem(_ url: String) -> String? {
        guard !url.isEmpty else { return nil }
        let rest = url.hasPrefix("https://") ? url.dropFirst(8) : url.hasPrefix("http://") ? url.dropFirst(7) : nil
        let host = rest?.prefix { $0 != "/" } ?? ""
        if host.isEmpty || url.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" }) {
            return "must be an absolute http or https address, like https://lab.example.org/digest/, not `\(url)`"
        }
        return nil
    }

    /// `en`, `de-CH`, `zh-Hant-TW`: two or three letters, then parts of letters and digits.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    static func unknownKeys(_ node: Node, file: String) -> [Diagnostic] {
        guard case .mapping(let top) = node else { return [] }
        var out: [Diagnostic] = []
        func check(_ key: Node, _ known: [String], _ what: String) {
            guard let name = key.string, !known.contains(name) else { return }
            out.append(Diagnostic(file: file, line: key.mark?.line, .warning,
                                  "unknown \(what) `\(name)` (known: \(known.sorted().joined(separator: ", ")))"))
        }
        for (key, value) in top {
            check(key, CodingKeys.allCases.map(\.rawValue), "setting")
            guard key.string == CodingKeys.listings.rawValue, case .mapping(let listings) = value else { continue }
            for (_, settings) in listings {
                guard case .mapping(let keys) = settings else { continue }
                for (k, _) in keys { check(k, ListingSettings.CodingKeys.allCases.map(\.rawValue), "listing setting") }
            }
        }
        return out
    }

    /// Settings for a listing name no file in `content/listings/` has: a name mistyped (the
    /// venue then silently missing from every record of the listing), or a listing renamed
    /// (settings go by the file's name). A site without the folder has no names to match
    /// against (its records made elsewhere): nothing is said.
    static func listingsNotThere(_ node: Node, file: String, folder: String) -> [Diagnostic] {
        guard case .mapping(let listings)? = Self.node(at: [CodingKeys.listings.rawValue], in: node), !listings.isEmpty,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        let present = Set(names)
        return listings.compactMap { key, _ in
            guard let name = key.string, !present.contains(name) else { return nil }
            return Diagnostic(file: file, line: key.mark?.line, .warning,
                              "settings for `\(name)`, which is not in content/listings/: they apply to a listing of that file name (mistyped, or renamed?)")
        }
    }

    /// A value of the wrong kind, said as what the setting must be (not as the decoder's
    /// "Expected to decode Int but found Scalar instead"), at the value's line.
    static func wrongKind(_ context: DecodingError.Context, in root: Node, file: String) -> Diagnostic {
        let keys = context.codingPath.map(\.stringValue)
        let node = node(at: keys, in: root)
        let field = keys.joined(separator: ".")
        let shown = node?.scalar.map { ", not `\($0.string)`" } ?? ""
        let must: String
        switch keys.count == 3 ? "listings." + keys[2] : keys.last ?? "" {
        case "per_page", "listings.year": must = "must be a whole number" + shown
        case "listings": must = keys.count == 1 ? "must be listing file names, each with its settings (format, venue, session, room, year)"
                                                : "must be settings (format, venue, session, room, year)"
        case "listings.format": must = "must be one of " + ListingFormat.allCases.map(\.rawValue).joined(separator: ", ") + shown
        default: must = keys.count == 2 && keys[0] == "listings" ? "must be settings (format, venue, session, room, year)" : "must be text"
        }
        return Diagnostic(file: file, line: node?.mark?.line, .error, "`\(field)` " + must)
    }
}

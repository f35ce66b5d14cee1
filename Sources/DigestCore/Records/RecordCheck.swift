import Foundation
import Yams

/// What `digest check` (and every build, first) says about one record's fields: an error for
/// what the site cannot use, a warning for what it will not show. Lines are the file's.
public enum RecordCheck {
    /// Fields the site reads; any other is kept in the record and not shown.
    public static let known = Set(RecordFields.order).union(["draft"])

    public static func problems(_ record: Record, file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func line(_ key: String) -> Int? { record.line(of: key) }
        func error(_ key: String, _ message: String) { out.append(Diagnostic(file: file, line: line(key), .error, message)) }
        func warning(_ key: String, _ message: String) { out.append(Diagnostic(file: file, line: line(key), .warning, message)) }

        if record.string("title").map(isBlank) ?? true {
            out.append(Diagnostic(file: file, line: line("title") ?? 2, .error, "the record has no `title`"))
        }
        for (key, value) in record.fields {
            switch key {
            case "title", "organization", "affiliation", "venue", "session", "room":
                if !isScalar(value) { error(key, "`\(key)` must be text") }
            case "title_inferred", "draft":
                if !["true", "false"].contains(Record.text(of: value)?.lowercased() ?? "") { error(key, "`\(key)` must be true or false") }
            case "author_count", "upvotes":
                if Record.number(of: value).map({ $0 < 0 }) ?? true { error(key, "`\(key)` must be a whole number, 0 or more") }
            case "authors":
                if !isList(value) { error(key, "`authors` must be a list of names, like [A, B]") }
            case "tags":
                if !isList(value) { error(key, "`tags` must be a list of names, like [A, B]"); break }
                for tag in Record.texts(of: value) {
                    if let problem = tagProblem(tag) { warning(key, problem) }
                }
            case "date":
                if let date = Record.text(of: value), !isCalendarDate(date) { error(key, "`date` must be a date written YYYY-MM-DD, not `\(date)`") }
            case "sources":
                if !isSourceList(value) { error(key, "`sources` must be a list of {listing: file name, line: number}") }
            default:
                warning(key, "unknown field `\(key)`: kept in the record, not shown on the site")
            }
        }
        return out
    }

    /// Whether the text is empty or all spaces — what `trimmingCharacters(in: .whitespaces)`
    /// leaves empty: Unicode's space separators, the tab and (in swift-corelibs-foundation) the
    /// zero-width space — without the bridge to NSString that took a fifth of checking a
    /// record, in every build.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// A tag is its slug (its page's address, and the name it is shown by): letters, digits
    /// and the gaps between words survive; any other sign is dropped, so `C++` and `C#` are
    /// both the tag `c`, and a tag of signs alone is no tag. That is said, as it changes what
    /// the tag means; case and spaces are not (`Diffusion Models` is `diffusion-models`).
    static func tagProblem(_ tag: String) -> String? {
        // (Tags as ingest writes them, slugs already, at every build: no slug made again.)
        if !tag.isEmpty && tag.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }) { return nil }
        let slug = Slug.make(tag)
        if slug.isEmpty { return "tag `\(tag)` has no letter or digit: left out" }
        let kept = tag.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || $0.properties.numericType != nil || " -_'’".unicodeScalars.contains($0)
        }
        return kept ? nil : "tag `\(tag)` is the tag `\(slug)`: a tag keeps its letters and digits, not its other signs"
    }

    static func isScalar(_ node: Node) -> Bool { if case .scalar = node { return true } else { return false } }

    static func isList(_ node: Node) -> Bool {
        switch node {
        case .scalar: return true  // one name is a list of one
        case .sequence(let items): return items.allSatisfy(isScalar)
        default: return false
        }
    }

    static func isSourceList(_ node: Node) -> Bool {
        guard case .sequence(let items) = node else { return false }
        return items.allSatisfy { item in
            guard case .mapping(let map) = item, let listing = map.value(forWord: "listing"), let line = map.value(forWord: "line") else { return false }
            return isScalar(listing) && Int(line.string ?? "") != nil
        }
    }

    /// `YYYY-MM-DD` naming a day that exists (`2024-02-30` does not).
    public static func isCalendarDate(_ text: String) -> Bool {
        guard let date = LineShape.isoDate(text) else { return false }
        return LineShape.isValid(year: date.year, month: date.month, day: date.day)
    }
}

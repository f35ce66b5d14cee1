/// A Hugging Face "Daily Papers" page copied as text: page chrome, then per paper a title,
/// its abstract and, on newer pages, a meta block (`• N authors` or an organisation, `·`,
/// a date that may lack the year and may end in the upvote count).
public struct DailyPapersParser: ListingParser {
    public init() {}
    public var format: ListingFormat { .dailyPapers }

    static let chrome: Set<String> = [
        "new", "get trending papers in your email inbox!", "subscribe", "daily papers",
        "trending papers", "hugging face",
    ]

    static func isChrome(_ text: String) -> Bool {
        let lower = text.lowercased()
        return chrome.contains(lower) || (lower.hasPrefix("by") && lower.hasSuffix("research community"))
    }

    enum Meta {
        case authorCount(Int)
        case separator
        case date(ListingDate, upvotes: Int?)
    }

    static func meta(_ text: String) -> Meta? {
        // Most lines (titles, abstracts) are told from meta at their length or first byte;
        // comparing each with the separators and the bullet as Strings was a third of parsing.
        // (The one text equal to `·` as a String, U+0387, is two bytes long too.)
        let utf8 = text.utf8
        if utf8.count <= 3, text == "·" || text == "•" { return .separator }
        if utf8.first == 0xE2, text.hasPrefix("•") {
            let words = text.dropFirst().split(separator: " ")
            if words.count == 2, let n = Int(words[0]), words[1] == "authors" || words[1] == "author" {
                return .authorCount(n)
            }
        }
        if let (date, upvotes) = LineShape.dateLine(text) { return .date(date, upvotes: upvotes) }
        return nil
    }

    public var highestScore: Double { 0.95 }

    public func score(_ listing: ListingText) -> Double {
        let lines = listing.nonBlankLines
        guard !lines.isEmpty else { return 0 }
        if lines.prefix(12).contains(where: { $0.text.lowercased() == "daily papers" }) { return 0.95 }
        // Without the chrome: title / abstract pairs with meta blocks.
        let metaLines = lines.filter { Self.meta($0.text) != nil }.count
        let prose = lines.filter { LineShape.isProse($0.text) }.count
        let titled = lines.filter { LineShape.isTitleLike($0.text) && !LineShape.containsNameSeparator($0.text) }.count
        guard prose > 0, metaLines > 0 else { return 0 }
        return min(0.9, Double(prose + titled + metaLines) / Double(lines.count) * 0.8)
    }

    public func parse(_ listing: ListingText) -> ParsedListing {
        var result = ParsedListing(format: format)
        let lines = listing.nonBlankLines
        var i = 0
        // Page chrome, and the page's own date (`Dec 11`) among it.
        while i < lines.count {
            let text = lines[i].text
            if Self.isChrome(text) { i += 1; continue }
            if case .date(let date, _)? = Self.meta(text), result.entries.isEmpty, i + 1 < lines.count,
               Self.meta(lines[i + 1].text) == nil {
                result.header.date = date
                i += 1
                continue
            }
            break
        }
        while i < lines.count {
            let line = lines[i]
            if Self.meta(line.text) != nil {
                result.diagnostics.append(Diagnostic(file: listing.path, line: line.number, .warning,
                                                     "date or author count with no paper above it; ignored"))
                i += 1
                continue
            }
            var entry = ListingEntry(title: line.text, firstLine: line.number)
            i += 1
            // The abstract, unless the next line is meta or is itself the next title.
            if i < lines.count, Self.meta(lines[i].text) == nil {
                let candidate = lines[i].text
                let isNextTitle = !LineShape.isProse(candidate) && i + 1 < lines.count
                    && Self.meta(lines[i + 1].text) == nil && LineShape.isProse(lines[i + 1].text)
                if !isNextTitle {
                    entry.abstract = candidate
                    entry.lastLine = lines[i].number
                    i += 1
                    while i < lines.count, Self.meta(lines[i].text) == nil, LineShape.isProse(lines[i].text),
                          LineShape.continues(entry.abstract, with: lines[i].text) {
                        entry.abstract += " " + lines[i].text
                        entry.lastLine = lines[i].number
                        i += 1
                    }
                }
            }
            // The meta block. A plain line followed by `·` or a date is an organisation.
            while i < lines.count {
                let text = lines[i].text
                if let meta = Self.meta(text) {
                    switch meta {
                    case .authorCount(let n): entry.authorCount = n
                    case .separator: break
                    case .date(let date, let upvotes):
                        entry.date = date
                        entry.upvotes = upvotes
                    }
                } else if i + 1 < lines.count, entry.organization == nil, LineShape.isTitleLike(text),
                          let next = Self.meta(lines[i + 1].text), !isAuthorCount(next) {
                    entry.organization = Self.organizationName(text)
                } else {
                    break
                }
                entry.lastLine = lines[i].number
                i += 1
            }
            result.entries.append(entry)
        }
        result.dropEntriesWithInvalidText(listing)
        return result
    }

    private func isAuthorCount(_ meta: Meta) -> Bool {
        if case .authorCount = meta { return true }
        return false
    }

    /// The page shows an organisation as its handle and its name: `tencent Tencent`.
    static func organizationName(_ text: String) -> String {
        let words = text.split(separator: " ")
        if words.count % 2 == 0 {
            let half = words.count / 2
            let handle = words[..<half].joined(separator: " ")
            let name = words[half...].joined(separator: " ")
            if handle.lowercased() == name.lowercased() { return name }
        }
        return text
    }
}

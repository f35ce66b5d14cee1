/// A conference poster-session list: a header (`Poster` / `Poster Session 6` / `Halle B`),
/// then per paper a title, its authors separated by ` · ` (a single author has none), and
/// its abstract — which may be missing, may wrap onto a second line, or may stand alone
/// when the page lost a paper's title and authors.
public struct PosterSessionParser: ListingParser {
    public init() {}
    public var format: ListingFormat { .posterSession }

    public var highestScore: Double { 1 }

    public func score(_ listing: ListingText) -> Double {
        let lines = listing.nonBlankLines
        guard !lines.isEmpty else { return 0 }
        let authorLines = lines.filter { LineShape.isAuthorList($0.text) }.count
        guard authorLines > 0 else { return 0 }
        // A paper takes about three lines: title, authors, abstract.
        let shape = min(1, Double(authorLines) * 3 / Double(lines.count))
        let header = lines.prefix(3).contains { $0.text.lowercased().hasPrefix("poster") } ? 0.1 : 0
        return min(1, shape * 0.9 + header)
    }

    public func parse(_ listing: ListingText) -> ParsedListing {
        var result = ParsedListing(format: format)
        let lines = listing.nonBlankLines
        let texts = lines.map(\.text)
        // Each line's shape, judged once: the loops below ask about the same line repeatedly.
        let authorList = texts.map(LineShape.isAuthorList)
        let titleLike = texts.map(LineShape.isTitleLike)
        let prose = texts.map(LineShape.isProse)

        /// Is line `j` the title of a paper, judged by the line after it?
        func startsPaper(_ j: Int) -> Bool {
            guard j + 1 < texts.count else { return false }
            // A ` · ` author list below is the strongest sign of a title, even of one that ends
            // like a sentence (`… in Your Email Inbox!`); only running text is ruled out.
            if authorList[j + 1] { return !authorList[j] && texts[j].utf8.count <= 300 && TextNormalization.wordCount(texts[j], upTo: 25) < 25 }
            guard titleLike[j] else { return false }
            // A single author: a name, followed by an abstract or the next paper.
            guard !authorList[j], LineShape.isPersonName(texts[j + 1]) else { return false }
            return j + 2 >= texts.count || !authorList[j + 2]
        }

        // The header runs to the first paper whose authors are a ` · ` list; a paper with a
        // single author before that shows itself by the abstract after it.
        var first = authorList.firstIndex(of: true).map { max(0, $0 - 1) } ?? texts.count
        if let prose = prose[..<first].firstIndex(of: true), prose >= 2 {
            first = prose - 2
        }
        readHeader(texts[..<first], into: &result.header)

        var i = first
        while i < lines.count {
            if startsPaper(i) {
                var entry = ListingEntry(title: texts[i], firstLine: lines[i].number)
                entry.authors = authorList[i + 1] ? LineShape.authors(in: texts[i + 1]) : [texts[i + 1]]
                entry.lastLine = lines[i + 1].number
                i += 2
                if i < lines.count, !startsPaper(i) {
                    entry.abstract = texts[i]
                    entry.lastLine = lines[i].number
                    i += 1
                    while i < lines.count, !startsPaper(i), LineShape.continues(entry.abstract, with: texts[i]) {
                        entry.abstract += " " + texts[i]
                        entry.lastLine = lines[i].number
                        i += 1
                    }
                }
                result.entries.append(entry)
            } else {
                // Text that no title and authors introduce: a paper whose title and authors
                // the page lost. It is kept, with a title inferred from its abstract.
                var entry = ListingEntry(title: nil, firstLine: lines[i].number)
                entry.abstract = texts[i]
                i += 1
                while i < lines.count, !startsPaper(i), LineShape.continues(entry.abstract, with: texts[i]) {
                    entry.abstract += " " + texts[i]
                    entry.lastLine = lines[i].number
                    i += 1
                }
                if LineShape.isProse(entry.abstract) {
                    result.diagnostics.append(Diagnostic(file: listing.path, line: entry.firstLine, .warning,
                                                         "abstract with no title or authors above it; kept as its own paper with an inferred title"))
                    result.entries.append(entry)
                } else {
                    result.diagnostics.append(Diagnostic(file: listing.path, line: entry.firstLine, .warning,
                                                         "line is neither a title, an author list nor an abstract; ignored"))
                }
            }
        }
        result.dropEntriesWithInvalidText(listing)
        return result
    }

    /// `Poster` → presentation, `Poster Session 6` → session, `ICLR 2024` → venue, the rest → room.
    func readHeader(_ lines: ArraySlice<String>, into header: inout ListingHeader) {
        let kinds: Set<String> = ["poster", "posters", "oral", "orals", "spotlight", "spotlights", "demo", "demos"]
        for text in lines {
            let lower = text.lowercased()
            if kinds.contains(lower) {
                header.presentation = text
            } else if lower.contains("session") {
                header.session = header.session ?? text
            } else if Self.isVenue(text) {
                header.venue = header.venue ?? text
            } else {
                header.room = header.room.map { $0 + ", " + text } ?? text
            }
        }
    }

    /// `ICLR 2024`, `NeurIPS 2023`, `ACL'24`: a name and a year.
    static func isVenue(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (2...4).contains(words.count), let last = words.last, last.count == 4, let year = Int(last) else { return false }
        return (1950...2100).contains(year) && words.dropLast().allSatisfy { $0.first?.isLetter == true }
    }
}

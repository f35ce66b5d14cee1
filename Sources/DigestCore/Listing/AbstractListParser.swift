/// `Abstract:<text>` lines, optionally under one header line naming an institution.
/// There are no titles or authors; ingest infers a title from each abstract.
public struct AbstractListParser: ListingParser {
    public init() {}
    public var format: ListingFormat { .abstractList }

    static func abstractText(_ line: String) -> Substring? {
        // Only `a` and `A` lowercase to `a`: any other first byte rules the line out unlowered.
        guard line.utf8.count >= 9, line.utf8.first.map({ $0 | 0x20 }) == 0x61 else { return nil }
        let head = line.prefix(9)
        guard head.lowercased() == "abstract:" else {
            // `Abstract :` with a space before the colon, as some exports have it
            // (Only the head is lowercased: every line of every listing is asked about.)
            if line.prefix(10).lowercased() == "abstract :" { return line.dropFirst(10) }
            return nil
        }
        return line.dropFirst(9)
    }

    public var highestScore: Double { 1.1 }

    public func score(_ listing: ListingText) -> Double {
        let lines = listing.nonBlankLines
        guard !lines.isEmpty else { return 0 }
        let abstracts = lines.filter { Self.abstractText($0.text) != nil }.count
        guard abstracts > 0 else { return 0 }
        return Double(abstracts) / Double(lines.count) + (Self.abstractText(lines.last!.text) != nil ? 0.1 : 0)
    }

    public func parse(_ listing: ListingText) -> ParsedListing {
        var result = ParsedListing(format: format)
        var headerLines: [String] = []
        for line in listing.nonBlankLines {
            if let text = Self.abstractText(line.text) {
                var entry = ListingEntry(title: nil, firstLine: line.number)
                entry.abstract = String(text)
                result.entries.append(entry)
            } else if result.entries.isEmpty {
                headerLines.append(line.text)
            } else {
                // A wrapped abstract: the line belongs to the abstract above it.
                result.entries[result.entries.count - 1].abstract += " " + line.text
                result.entries[result.entries.count - 1].lastLine = line.number
            }
        }
        if !headerLines.isEmpty {
            result.header.affiliation = headerLines.joined(separator: ", ")
        }
        result.dropEntriesWithInvalidText(listing)
        return result
    }
}

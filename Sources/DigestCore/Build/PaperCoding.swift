/// A paper as the paper cache keeps it: its id, whether it is a draft, then its facts. Read,
/// the facts are only read through, and made when first asked for (`FactsBox`), but for the
/// date, tags and sources, which every build reads of every paper.
extension Paper: WireValue {
    func write(to wire: inout [UInt8]) {
        id.write(to: &wire)
        isDraft.write(to: &wire)
        // (Facts taken from the cache are written again as they are there: their bytes are
        // what they would be written as, the cache being of this digest.)
        if let (bytes, range) = encodedFacts {
            withExtendedLifetime(bytes) { wire.append(contentsOf: bytes.buffer[range]) }
        } else {
            facts.write(to: &wire)
        }
    }

    static func read(from wire: inout WireReader) -> Paper? {
        var shared = SharedTexts()
        return read(from: &wire, shared: &shared)
    }

    /// The same, its date, tags and listings' names shared with those of the papers read before
    /// it with `shared` (a cache's).
    static func read(from wire: inout WireReader, shared: inout SharedTexts) -> Paper? {
        guard let id = String.read(from: &wire), let isDraft = Bool.read(from: &wire) else { return nil }
        let start = wire.at
        guard let (date, tags, sources) = PaperFacts.readThrough(&wire, shared: &shared) else { return nil }
        return Paper(id: id, isDraft: isDraft, date: date, tags: tags, sources: sources, encodedAt: start..<wire.at, in: wire.bytes)
    }
}

extension PaperFacts {
    func write(to wire: inout [UInt8]) {
        title.write(to: &wire)
        titleInferred.write(to: &wire)
        authors.write(to: &wire)
        authorCount.write(to: &wire)
        for text in [organization, affiliation, date] { text.write(to: &wire) }
        upvotes.write(to: &wire)
        for text in [venue, session, room] { text.write(to: &wire) }
        abstractText.write(to: &wire)
        tags.write(to: &wire)
        sources.map(\.listing).write(to: &wire)
        sources.map(\.line).write(to: &wire)
    }

    /// The date, tags and sources every build reads of every paper (`readThrough`).
    typealias Made = (date: String?, tags: [String], sources: [SourceRef])

    /// The facts `write` wrote, their date, tags and sources `made` already (`readThrough`,
    /// as the paper was taken from the cache): those are read through, not made again; nil
    /// when they do not read whole.
    static func read(from wire: inout WireReader, made: Made) -> PaperFacts? {
        // Each value read into its place in the facts, moved there: read into constants first,
        // each of a paper's dozen texts and lists was retained into the facts and released
        // with its constant (0.11 G instructions of a 100k rebuild, which read every paper).
        func into<T: WireValue>(_ value: inout T) -> Bool {
            guard let read = T.read(from: &wire) else { return false }
            value = read
            return true
        }
        var facts = PaperFacts(title: "")
        guard into(&facts.title), into(&facts.titleInferred), into(&facts.authors), into(&facts.authorCount),
              into(&facts.organization), into(&facts.affiliation), skipText(&wire, optional: true), into(&facts.upvotes),
              into(&facts.venue), into(&facts.session), into(&facts.room), into(&facts.abstractText), skipTexts(&wire), skipSources(&wire)
        else { return nil }
        (facts.date, facts.tags, facts.sources) = made
        return facts
    }

    /// The date, tags and sources of the facts `write` wrote, the others only read through
    /// (their lengths checked, no text made); nil when they do not read whole.
    static func readThrough(_ wire: inout WireReader, shared: inout SharedTexts) -> Made? {
        guard skipText(&wire), Bool.read(from: &wire) != nil, skipTexts(&wire), skipNumber(&wire),
              skipText(&wire, optional: true), skipText(&wire, optional: true), let date = String?.read(from: &wire),
              skipNumber(&wire), skipText(&wire, optional: true), skipText(&wire, optional: true), skipText(&wire, optional: true),
              skipText(&wire), let tags = shared.readList(from: &wire), let listings = shared.readList(from: &wire),
              let sources = readSources(&wire, listings: listings)
        else { return nil }
        return (date, tags, sources)
    }

    /// The sources of `listings` (read first), each one's line read.
    private static func readSources(_ wire: inout WireReader, listings: [String]) -> [SourceRef]? {
        guard let lines = UInt64.read(from: &wire), lines == UInt64(listings.count) else { return nil }
        // (Each source made as its line is read: no list of lines, then of pairs.)
        var sources: [SourceRef] = []
        sources.reserveCapacity(listings.count)
        for listing in listings {
            guard let line = Int.read(from: &wire) else { return nil }
            sources.append(SourceRef(listing: listing, line: line))
        }
        return sources
    }

    /// The sources read through.
    private static func skipSources(_ wire: inout WireReader) -> Bool {
        guard skipTexts(&wire), let lines = UInt64.read(from: &wire), lines <= UInt64(wire.count - wire.at) / 8 else { return false }
        return wire.take(Int(lines) * 8) != nil
    }

    /// A String's bytes (or an optional one's) read through.
    private static func skipText(_ wire: inout WireReader, optional: Bool = false) -> Bool {
        if optional {
            switch wire.take(1)?.first {
            case 0: return true
            case 1: break
            default: return false
            }
        }
        guard let count = UInt64.read(from: &wire) else { return false }
        return wire.take(Int(clamping: count)) != nil
    }

    /// A list of Strings read through.
    private static func skipTexts(_ wire: inout WireReader) -> Bool {
        guard let count = UInt64.read(from: &wire), count <= UInt64(wire.count - wire.at) else { return false }
        for _ in 0..<count where !skipText(&wire) { return false }
        return true
    }

    /// An optional number read through.
    private static func skipNumber(_ wire: inout WireReader) -> Bool {
        switch wire.take(1)?.first {
        case 0: return true
        case 1: return wire.take(8) != nil
        default: return false
        }
    }
}

/// Each paper's search filters — `tag:…`, `year:…`, `venue:…`, and `author:…` for each word
/// of its authors' names — and its venue, which the facets count: what the filter files and
/// `facets.json` are made from. They come from a paper's facts, which a rebuild reads for no
/// other paper than those that changed: after a 150-paper listing at 100k papers, every
/// paper's facts made and cut into keys were 2.1 of the index's 6.6 billion instructions, and
/// 0.43 s of the index's time. So the last build that made them keeps each paper's keys under
/// what they are made from (`paperKey`), in `.digest-cache/search-terms-filters.bin`, and a
/// build makes only the keys of the papers it does not find there.
struct FilterKeys: Sendable {
    /// The filter keys, by id; and the venues. (Taken from a kept table, they may hold keys no
    /// paper has now: a key's papers, `lists`, leave those out.)
    private(set) var keys = TermTable()
    private(set) var venues = TermTable()
    /// Per paper, by number: its `paperKey` (none when not given), the ids of its keys (each
    /// once) at `range(p)` of `ids`, and its venue's id (-1: it has none).
    private(set) var paperKeys: [UInt64] = []
    private(set) var ends: [UInt32] = []
    private(set) var ids: [UInt32] = []
    private(set) var venueOf: [Int32] = []
    /// Whether every paper's keys were taken from the kept ones at its own number, and those
    /// were for as many papers: then the file kept is what this would write.
    private(set) var asKept = false

    var count: Int { ends.count }
    func range(_ p: Int) -> Range<Int> { RawWire.range(p, in: ends) }

    private init() {}

    /// What a paper's filters and venue are made from: its authors, tags and venue (its
    /// `SearchTermCache.fieldsKey`, `fields`) and its year.
    static func paperKey(fields: UInt64, date: String?) -> UInt64 {
        var hash = ContextHash()
        hash.add(fields)
        hash.add(tag: date == nil ? 1 : 2, utf8: (date ?? "").utf8.prefix(4))
        return hash.value
    }

    /// The keys of `papers` (in the order of their numbers). With `paperKeys` (each paper's
    /// `paperKey`), a paper whose key `kept` has takes its keys from there: at its own number
    /// (a listing's papers take new numbers, the others keep theirs), or found by its key.
    init(_ papers: [Paper], paperKeys: [UInt64]? = nil, kept: FilterKeys? = nil) {
        let kept = paperKeys == nil ? nil : kept
        if let kept { (keys, venues) = (kept.keys, kept.venues) }
        var places = [Int?](repeating: nil, count: papers.count)
        if let kept, let paperKeys {
            var byKey: KeyTable?
            for p in papers.indices {
                if p < kept.count, kept.paperKeys[p] == paperKeys[p] { places[p] = p; continue }
                if byKey == nil { byKey = KeyTable(kept.paperKeys) }
                places[p] = byKey!.place(of: paperKeys[p])
            }
        }
        let missing = papers.indices.filter { places[$0] == nil }
        let made = Self.make(missing.map { papers[$0] }, keys: &keys, venues: &venues)
        ids.reserveCapacity((kept?.ids.count ?? 0) + made.ids.count)
        ends.reserveCapacity(papers.count)
        venueOf.reserveCapacity(papers.count)
        var next = 0  // (the next of `missing`)
        for p in papers.indices {
            if let o = places[p], let kept {
                ids += kept.ids[kept.range(o)]
                venueOf.append(kept.venueOf[o])
            } else {
                ids += made.ids[RawWire.range(next, in: made.ends)]
                venueOf.append(made.venueOf[next])
                next += 1
            }
            ends.append(UInt32(ids.count))
        }
        self.paperKeys = paperKeys ?? []
        asKept = kept.map { kept in kept.count == papers.count && places.indices.allSatisfy { places[$0] == $0 } } ?? false
    }

    /// The keys and venues of `papers`, from their facts, into the tables: per paper, its
    /// keys' ids at `range` of `ids`, and its venue's id. Values many papers share (an author's
    /// name, a tag) are cut into keys once, not once for every paper that has them (500k
    /// names at 100k papers, cut into words and keys, were most of this).
    private static func make(_ papers: [Paper], keys: inout TermTable, venues: inout TermTable) -> (ends: [UInt32], ids: [UInt32], venueOf: [Int32]) {
        enum Kind: UInt8 { case tag, year, venue, name }
        // Each paper's values, by id: a value's bytes are its kind, then its text. Read in runs
        // of papers on every core, each into its own table; merged in run order, the ids are
        // those one pass in paper order gives (each value's by where it is first met).
        let runs = ParallelMap.runs(of: papers) { run -> (values: TermTable, valuesOf: [Int32], ends: [Int]) in
            var values = TermTable()
            var valuesOf: [Int32] = [], ends: [Int] = []
            var scratch: [UInt8] = []
            func add(_ kind: Kind, _ text: String) {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(kind.rawValue)
                scratch += text.utf8
                valuesOf.append(scratch.withUnsafeBufferPointer { values.id($0) })
            }
            for p in run.indices {  // (each field read in place: a paper copied is a retain per text)
                for tag in run[p].tags { add(.tag, tag) }
                if let year = run[p].year { add(.year, year) }
                if let venue = run[p].facts.venue { add(.venue, venue) }
                for name in run[p].facts.authors { add(.name, name) }
                ends.append(valuesOf.count)
            }
            return (values, valuesOf, ends)
        }
        var values = TermTable()
        var valuesOf: [Int32] = [], valueEnds: [Int] = []
        for run in runs {
            let global = values.merge(run.values)
            valueEnds += run.ends.map { $0 + valuesOf.count }
            valuesOf += run.valuesOf.map { Int32(global[Int($0)]) }
        }
        let words = values.words
        let keysOfValue = ParallelMap.run(values.count) { v -> [String] in
            let bytes = words.bytes(v)
            let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
            switch Kind(rawValue: bytes.first!)! {
            case .tag: return ["tag:" + text]
            case .year: return ["year:" + text]
            case .venue: return [SearchTokenizer.key(text)].filter { !$0.isEmpty }.map { "venue:" + $0 }
            case .name: return SearchLayout.authorFilters(text)
            }
        }
        let keyIDs = keysOfValue.map { $0.map { UInt32(keys.id($0)) } }
        // A value that is a venue, as its venue's id (its text, without the kind).
        let venueID: [Int32] = (0..<values.count).map { v in
            let bytes = words.bytes(v)
            guard bytes.first == Kind.venue.rawValue else { return -1 }
            return bytes.dropFirst().withUnsafeBufferPointer { venues.id($0) }
        }
        // A paper has a key once, however many of its values give it.
        var ends: [UInt32] = [], ids: [UInt32] = [], venueOf: [Int32] = []
        var start = 0
        for end in valueEnds {
            let first = ids.count
            var venue: Int32 = -1
            for v in valuesOf[start..<end] {
                for k in keyIDs[Int(v)] where !ids[first...].contains(k) { ids.append(k) }
                if venueID[Int(v)] >= 0 { venue = venueID[Int(v)] }
            }
            ends.append(UInt32(ids.count))
            venueOf.append(venue)
            start = end
        }
        return (ends, ids, venueOf)
    }

    /// Each key some paper has, with its papers' numbers, ascending, in the order of the keys' ids.
    func lists() -> [(key: String, papers: ArraySlice<Int32>)] {
        // Grouped by a counting sort: an array per key, appended to paper by paper, was a
        // quarter of the filters' instructions.
        var starts = [Int](repeating: 0, count: keys.count + 1)
        for id in ids { starts[Int(id) + 1] += 1 }
        for k in 0..<keys.count { starts[k + 1] += starts[k] }
        var fill = starts
        var papers = [Int32](repeating: 0, count: ids.count)
        for p in 0..<count {
            for k in range(p) {
                let id = Int(ids[k])
                papers[fill[id]] = Int32(p)
                fill[id] += 1
            }
        }
        let words = keys.words
        return (0..<keys.count).filter { starts[$0 + 1] > starts[$0] }.map {
            (String(decoding: words.bytes($0), as: UTF8.self), papers[starts[$0]..<starts[$0 + 1]])
        }
    }

    /// Each paper's venue, by number (nil: none).
    func venueNames() -> [String?] {
        let words = venues.words
        let names = (0..<venues.count).map { String(decoding: words.bytes($0), as: UTF8.self) }
        return venueOf.map { $0 < 0 ? nil : names[Int($0)] }
    }

    /// Each venue some paper has, with how many papers have it and the number of the first.
    func venueCounts() -> [(name: String, count: Int, first: Int)] {
        var counts = [Int](repeating: 0, count: venues.count), first = [Int](repeating: 0, count: venues.count)
        for (p, venue) in venueOf.enumerated() where venue >= 0 {
            if counts[Int(venue)] == 0 { first[Int(venue)] = p }
            counts[Int(venue)] += 1
        }
        let words = venues.words
        return (0..<venues.count).filter { counts[$0] > 0 }.map { (String(decoding: words.bytes($0), as: UTF8.self), counts[$0], first[$0]) }
    }
}

extension FilterKeys {
    static let version = CacheFile.ofThisDigest("digest-search-filters 1 " + SiteBuild.version)

    /// The file beside the search words' at `path` (`SearchTermCache.path`).
    static func path(besideWords path: String) -> String { (path.hasSuffix(".bin") ? String(path.dropLast(4)) : path) + "-filters.bin" }

    /// The keys a build kept at `path`; nil when there are none, another `digest` kept them,
    /// or they do not read whole: every id within its table, every word's hash its own, no
    /// word twice (a key found under two ids would split its papers between two lists).
    static func read(_ path: String) -> FilterKeys? {
        guard var wire = CacheFile.read(path, version: version), let keys = table(from: &wire), let venues = table(from: &wire),
              let paperKeys = RawWire.read(UInt64.self, from: &wire), let ends = RawWire.read(UInt32.self, from: &wire),
              let ids = RawWire.read(UInt32.self, from: &wire), let venueOf = RawWire.read(Int32.self, from: &wire), wire.at == wire.count,
              paperKeys.count == ends.count, venueOf.count == ends.count, RawWire.ends(ends, reach: ids.count),
              ids.allSatisfy({ Int($0) < keys.count }), venueOf.allSatisfy({ $0 >= -1 && Int($0) < venues.count })
        else { return nil }
        var filters = FilterKeys()
        (filters.keys, filters.venues, filters.paperKeys, filters.ends, filters.ids, filters.venueOf) = (keys, venues, paperKeys, ends, ids, venueOf)
        return filters
    }

    private static func table(from wire: inout WireReader) -> TermTable? {
        guard let words = TermTable.Words.read(from: &wire),
              (0..<words.count).allSatisfy({ i in words.withBytes(of: i) { FNV1a.hash($0) } == words.hashes[i] }) else { return nil }
        return TermTable(distinct: words)
    }

    /// Writes them for the next build, the keys and venues no paper has left out. Nothing is
    /// written without each paper's `paperKey`, or when the file kept is what would be written.
    func write(to path: String) {
        guard paperKeys.count == count, !asKept else { return }
        // (Ids given again in the order of the old, so the same keys give the same file.)
        func used(_ table: TermTable, _ ids: some Sequence<Int>) -> (words: TermTable.Words, ids: [Int32]) {
            var isUsed = [Bool](repeating: false, count: table.count)
            for id in ids { isUsed[id] = true }
            return table.words.keeping { isUsed[$0] }
        }
        let (keys, keyIDs) = used(keys, ids.lazy.map { Int($0) })
        let (venues, venueIDs) = used(venues, venueOf.lazy.filter { $0 >= 0 }.map { Int($0) })
        CacheFile.write(path, version: Self.version) { (writer: inout CacheWriter) in
            try writer.raw(keys)
            try writer.raw(venues)
            try writer.raw(paperKeys)
            try writer.raw(ends)
            try writer.raw(ids.map { UInt32(keyIDs[Int($0)]) })
            try writer.raw(venueOf.map { $0 < 0 ? -1 : venueIDs[Int($0)] })
        }
    }
}

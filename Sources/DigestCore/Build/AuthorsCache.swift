import Foundation

/// The model's people (`SiteAuthors`) as the last build made them, in
/// `.digest-cache/authors.bin`, under a mark of all they are made from: each paper's id and
/// byline — in any order — and the `digest` that made them. People do not depend on the
/// papers' order: their spellings, A–Z places, slugs and co-authors come from the bylines
/// alone, and only each person's papers are places, which are read back in today's. So an edit
/// that leaves every byline as it was (a title, an abstract, tags, a date, which moves its
/// paper) takes them from here: at 100k papers they are 155k people from 500k names, 0.8 s of
/// CPU on the model's thread; read back, a tenth of that.
enum AuthorsCache {
    static let version = CacheFile.ofThisDigest("digest-authors-cache 3 " + SiteBuild.version)

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/authors.bin") }

    /// The people of `papers` (in the model's order): those kept when made from the same
    /// bylines, else made, and kept for the next build. `keys`: the papers'
    /// `RelatedPapers.paperKeys`, and `bylines` their `bylineKey`s, when the build has them.
    static func people(_ papers: [Paper], keys: [UInt64]? = nil, bylines: [UInt64]? = nil, path: String, useCached: Bool) -> SiteAuthors {
        let keys = keys ?? RelatedPapers.paperKeys(papers)
        let mark = mark(keys: keys, bylines: bylines ?? papers.map(bylineKey))
        if useCached, let kept = read(path, mark: mark, keys: keys) { return kept }
        let people = SiteAuthors(papers)
        write(people, mark: mark, keys: keys, to: path)
        return people
    }

    /// A paper's byline, hashed (`PaperKeys.byline`).
    static func bylineKey(_ paper: Paper) -> UInt64 {
        var hash = ContextHash()
        for name in paper.facts.authors { hash.add(tag: 2, name) }  // (read in place, not through a key path)
        return hash.value
    }

    /// The count of papers and the sum of a hash of each one's id and byline (`keys`, their
    /// `RelatedPapers.paperKey`s; `bylines`, their `bylineKey`s): the same for the same papers
    /// in any order. (Ids are unique, so no two papers' hashes cancel out.)
    static func mark(keys: [UInt64], bylines: [UInt64]) -> UInt64 {
        var sum: UInt64 = 0
        for p in keys.indices {
            var hash = ContextHash()
            hash.add(keys[p])
            hash.add(bylines[p])
            sum &+= hash.value
        }
        var mark = ContextHash()
        mark.add(UInt64(keys.count))
        mark.add(sum)
        return mark.value
    }

    static func mark(_ papers: [Paper]) -> UInt64 {
        mark(keys: RelatedPapers.paperKeys(papers), bylines: papers.map(bylineKey))
    }

    /// The people kept, each one's papers in today's places (`keys`: each paper's
    /// `RelatedPapers.paperKey`, in today's order); nil when none are kept, another `digest`
    /// or other bylines made them, or the file does not read whole.
    static func read(_ path: String, mark: UInt64, keys: [UInt64]) -> SiteAuthors? {
        guard var wire = CacheFile.read(path, version: version), UInt64.read(from: &wire) == mark,
              let papersThen = RawWire.read(UInt64.self, from: &wire),
              let textEnds = RawWire.read(UInt32.self, from: &wire), let text = RawWire.read(UInt8.self, from: &wire),
              let paperEnds = RawWire.read(UInt32.self, from: &wire), let papersOf = RawWire.read(Int32.self, from: &wire),
              let coauthorEnds = RawWire.read(UInt32.self, from: &wire), let coauthors = RawWire.read(Int32.self, from: &wire),
              let counts = RawWire.read(Int32.self, from: &wire),
              let bylineEnds = RawWire.read(UInt32.self, from: &wire), let bylines = RawWire.read(Int32.self, from: &wire),
              wire.at == wire.count
        else { return nil }
        let count = paperEnds.count
        guard papersThen.count == keys.count, textEnds.count == 2 * count, RawWire.ends(textEnds, reach: text.count),
              RawWire.ends(paperEnds, reach: papersOf.count), papersOf.allSatisfy({ $0 >= 0 && Int($0) < keys.count }),
              coauthorEnds.count == count, RawWire.ends(coauthorEnds, reach: coauthors.count), counts.count == coauthors.count,
              coauthors.allSatisfy({ $0 >= 0 && Int($0) < count }),
              bylineEnds.count == keys.count, RawWire.ends(bylineEnds, reach: bylines.count),
              bylines.allSatisfy({ $0 >= 0 && Int($0) < count }),
              let now = places(then: papersThen, now: keys)
        else { return nil }
        let authors = ParallelMap.batched(count, batch: 1024) { a -> Author in
            let (slug, name) = (RawWire.range(2 * a, in: textEnds), RawWire.range(2 * a + 1, in: textEnds))
            var author = Author(id: String(decoding: text[slug], as: UTF8.self), name: String(decoding: text[name], as: UTF8.self),
                                papers: papersOf[RawWire.range(a, in: paperEnds)].map { now[Int($0)] }.sorted())
            author.coauthors = RawWire.range(a, in: coauthorEnds).map { (author: Int(coauthors[$0]), count: Int(counts[$0])) }
            return author
        }
        var paperAuthors = [[Int]](repeating: [], count: keys.count)
        for old in papersThen.indices { paperAuthors[now[old]] = bylines[RawWire.range(old, in: bylineEnds)].map(Int.init) }
        return SiteAuthors(authors: authors, paperAuthors: paperAuthors)
    }

    /// Each paper's place today by its place then, when the papers are the same ones (by key).
    static func places(then: [UInt64], now keys: [UInt64]) -> [Int]? {
        var today: [UInt64: Int] = [:]
        today.reserveCapacity(keys.count)
        for (place, key) in keys.enumerated() where today.updateValue(place, forKey: key) != nil { return nil }
        var seen = [Bool](repeating: false, count: keys.count)
        var now: [Int] = []
        now.reserveCapacity(then.count)
        for key in then {
            guard let place = today[key], !seen[place] else { return nil }
            seen[place] = true
            now.append(place)
        }
        return now
    }

    static func write(_ people: SiteAuthors, mark: UInt64, keys: [UInt64], to path: String) {
        // Every table in one pass over the people, each read in place: lazy maps over the
        // people through key paths retained each person's strings and lists once per table
        // (swift_retain was half of this write's 0.2 s of CPU at 100k papers).
        var text: [UInt8] = [], textEnds: [UInt32] = []  // each person's slug, then name
        var paperEnds: [UInt32] = [], papersOf: [Int32] = []
        var coauthorEnds: [UInt32] = [], coauthors: [Int32] = [], counts: [Int32] = []
        let count = people.authors.count
        textEnds.reserveCapacity(2 * count)
        paperEnds.reserveCapacity(count)
        coauthorEnds.reserveCapacity(count)
        people.authors.withUnsafeBufferPointer { authors in
            for a in authors.indices {
                text.append(contentsOf: authors[a].id.utf8)
                textEnds.append(UInt32(text.count))
                text.append(contentsOf: authors[a].name.utf8)
                textEnds.append(UInt32(text.count))
                authors[a].papers.withUnsafeBufferPointer { for paper in $0 { papersOf.append(Int32(paper)) } }
                paperEnds.append(UInt32(papersOf.count))
                authors[a].coauthors.withUnsafeBufferPointer {
                    for coauthor in $0 {
                        coauthors.append(Int32(coauthor.author))
                        counts.append(Int32(coauthor.count))
                    }
                }
                coauthorEnds.append(UInt32(coauthors.count))
            }
        }
        var bylineEnds: [UInt32] = [], bylines: [Int32] = []
        bylineEnds.reserveCapacity(people.paperAuthors.count)
        people.paperAuthors.withUnsafeBufferPointer { paperAuthors in
            for p in paperAuthors.indices {
                paperAuthors[p].withUnsafeBufferPointer { for author in $0 { bylines.append(Int32(author)) } }
                bylineEnds.append(UInt32(bylines.count))
            }
        }
        CacheFile.write(path, version: version) { (writer: inout CacheWriter) in
            mark.write(to: &writer.bytes)
            try writer.raw(keys)
            try writer.raw(textEnds)
            try writer.raw(text)
            try writer.raw(paperEnds)
            try writer.raw(papersOf)
            try writer.raw(coauthorEnds)
            try writer.raw(coauthors)
            try writer.raw(counts)
            try writer.raw(bylineEnds)
            try writer.raw(bylines)
        }
    }
}

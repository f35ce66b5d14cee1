import Foundation

/// The model's people (`SiteAuthors`) as the last build made them, in
/// `.digest-cache/authors.bin`, under the sum of a hash of each paper's id and byline (the
/// same in any order) and the `digest` that made them. People do not depend on the papers'
/// order: their spellings, A–Z places, slugs and co-authors come from the bylines alone, and
/// only each person's papers are places, which are read back in today's. So an edit that
/// leaves every byline as it was (a title, an abstract, tags, a date, which moves its paper)
/// takes them from here: at 100k papers they are 155k people from 500k names, 0.8 s of CPU on
/// the model's thread; read back, a tenth of that. When papers were only added (a listing),
/// the people kept are grown by the new bylines (`SiteAuthors.adding`), not made again.
enum AuthorsCache {
    static let version = CacheFile.ofThisDigest("digest-authors-cache 4 " + SiteBuild.version)

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/authors.bin") }

    /// The people of `papers` (in the model's order): those kept when made from the same
    /// bylines, grown when papers were added since, else made; and kept for the next build.
    /// `keys`: the papers' `RelatedPapers.paperKeys`, and `bylines` their `bylineKey`s, when
    /// the build has them.
    static func people(_ papers: [Paper], keys: [UInt64]? = nil, bylines: [UInt64]? = nil, path: String, useCached: Bool) -> SiteAuthors {
        let keys = keys ?? RelatedPapers.paperKeys(papers)
        let hashes = paperHashes(keys: keys, bylines: bylines ?? papers.map(bylineKey))
        if useCached, let kept = read(path, hashes: hashes, keys: keys) {
            if kept.added.isEmpty { return kept.people }
            // (Many papers added are made with the others: each newcomer is placed by a search.)
            if kept.added.count * 4 <= papers.count, let grown = kept.people.adding(kept.added, of: papers) {
                write(grown, hashes: hashes, keys: keys, to: path)
                return grown
            }
        }
        let people = SiteAuthors(papers)
        write(people, hashes: hashes, keys: keys, to: path)
        return people
    }

    /// A paper's byline, hashed (`PaperKeys.byline`).
    static func bylineKey(_ paper: Paper) -> UInt64 {
        var hash = ContextHash()
        for name in paper.facts.authors { hash.add(tag: 2, name) }  // (read in place, not through a key path)
        return hash.value
    }

    /// A hash of each paper's id and byline (`keys`, their `RelatedPapers.paperKey`s;
    /// `bylines`, their `bylineKey`s): their sum is the same for the same papers in any order.
    /// (Ids are unique, so no two papers' hashes cancel out.)
    static func paperHashes(keys: [UInt64], bylines: [UInt64]) -> [UInt64] {
        zip(keys, bylines).map { key, byline in
            var hash = ContextHash()
            hash.add(key)
            hash.add(byline)
            return hash.value
        }
    }

    static func paperHashes(_ papers: [Paper]) -> [UInt64] {
        paperHashes(keys: RelatedPapers.paperKeys(papers), bylines: papers.map(bylineKey))
    }

    /// The people kept, each one's papers in today's places (`keys`: each paper's
    /// `RelatedPapers.paperKey`, in today's order), with the places of the papers added since
    /// (their bylines empty); nil when none are kept, another `digest` made them, a paper they
    /// were made from is gone or has another byline (`hashes`, `paperHashes`), or the file does
    /// not read whole.
    static func read(_ path: String, hashes: [UInt64], keys: [UInt64]) -> (people: SiteAuthors, added: [Int])? {
        // The papers then first: a cache of other bylines (an edit's) is let go before the
        // rest of it is read.
        guard var wire = CacheFile.read(path, version: version), let sum = UInt64.read(from: &wire),
              let papersThen = RawWire.read(UInt64.self, from: &wire), papersThen.count <= keys.count,
              let now = places(then: papersThen, now: keys), now.reduce(UInt64(0), { $0 &+ hashes[$1] }) == sum,
              let textEnds = RawWire.read(UInt32.self, from: &wire), let text = RawWire.read(UInt8.self, from: &wire),
              let personKeys = TermTable.Words.read(from: &wire), let shownCounts = RawWire.read(Int32.self, from: &wire),
              let otherOwners = RawWire.read(Int32.self, from: &wire), let otherEnds = RawWire.read(UInt32.self, from: &wire),
              let otherText = RawWire.read(UInt8.self, from: &wire), let otherCounts = RawWire.read(Int32.self, from: &wire),
              let paperEnds = RawWire.read(UInt32.self, from: &wire), let papersOf = RawWire.read(Int32.self, from: &wire),
              let coauthorEnds = RawWire.read(UInt32.self, from: &wire), let coauthors = RawWire.read(Int32.self, from: &wire),
              let counts = RawWire.read(Int32.self, from: &wire),
              let bylineEnds = RawWire.read(UInt32.self, from: &wire), let bylines = RawWire.read(Int32.self, from: &wire),
              wire.at == wire.count
        else { return nil }
        let count = paperEnds.count
        guard textEnds.count == 2 * count, RawWire.ends(textEnds, reach: text.count),
              personKeys.count == count,
              shownCounts.count == count, otherEnds.count == otherOwners.count, otherCounts.count == otherOwners.count,
              RawWire.ends(otherEnds, reach: otherText.count), RawWire.ids(otherOwners, below: count),
              RawWire.ends(paperEnds, reach: papersOf.count), RawWire.ids(papersOf, below: papersThen.count),
              coauthorEnds.count == count, RawWire.ends(coauthorEnds, reach: coauthors.count), counts.count == coauthors.count,
              RawWire.ids(coauthors, below: count),
              bylineEnds.count == papersThen.count, RawWire.ends(bylineEnds, reach: bylines.count),
              RawWire.ids(bylines, below: count)
        else { return nil }
        let authors = ParallelMap.batched(count, batch: 1024) { a -> Author in
            let (slug, name) = (RawWire.range(2 * a, in: textEnds), RawWire.range(2 * a + 1, in: textEnds))
            // (Sorted only when out of order: after an edit, every person's papers keep theirs,
            // and 155k sorts of a list or two each were 66M instructions at 100k papers.)
            var papers = papersOf[RawWire.range(a, in: paperEnds)].map { now[Int($0)] }
            if papers.indices.dropFirst().contains(where: { papers[$0 - 1] > papers[$0] }) { papers.sort() }
            var author = Author(id: String(decoding: text[slug], as: UTF8.self), name: String(decoding: text[name], as: UTF8.self),
                                papers: papers)
            author.coauthors = RawWire.range(a, in: coauthorEnds).map { (author: Int(coauthors[$0]), count: Int(counts[$0])) }
            return author
        }
        var paperAuthors = [[Int]](repeating: [], count: keys.count)
        var added = [Bool](repeating: true, count: keys.count)
        for old in papersThen.indices {
            paperAuthors[now[old]] = bylines[RawWire.range(old, in: bylineEnds)].map(Int.init)
            added[now[old]] = false
        }
        var spellings = SiteAuthors.Spellings(shown: shownCounts)
        for (k, owner) in otherOwners.enumerated() {
            spellings.others[Int(owner), default: []].append((String(decoding: otherText[RawWire.range(k, in: otherEnds)], as: UTF8.self), Int(otherCounts[k])))
        }
        let people = SiteAuthors(authors: authors, paperAuthors: paperAuthors,
                                 keys: personKeys, spellings: spellings)
        return (people, added.indices.filter { added[$0] })
    }

    /// Each paper's place today by its place then, when each paper then is among today's
    /// (by key), once: today's may hold more; nil when a key is today's twice. (The keys are
    /// hashes already: found in a `KeyTable`, not hashed again into a Dictionary.)
    static func places(then: [UInt64], now keys: [UInt64]) -> [Int]? {
        let today = KeyTable(keys)
        guard !today.hasRepeats else { return nil }
        var seen = [Bool](repeating: false, count: keys.count)
        var now: [Int] = []
        now.reserveCapacity(then.count)
        for key in then {
            guard let place = today.place(of: key), !seen[place] else { return nil }
            seen[place] = true
            now.append(place)
        }
        return now
    }

    static func write(_ people: SiteAuthors, hashes: [UInt64], keys: [UInt64], to path: String) {
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
        var otherOwners: [Int32] = [], otherEnds: [UInt32] = [], otherText: [UInt8] = [], otherCounts: [Int32] = []
        for (owner, others) in people.spellings.others.sorted(by: { $0.key < $1.key }) {
            for other in others {
                otherOwners.append(Int32(owner))
                otherText += other.name.utf8
                otherEnds.append(UInt32(otherText.count))
                otherCounts.append(Int32(other.count))
            }
        }
        CacheFile.write(path, version: version) { (writer: inout CacheWriter) in
            hashes.reduce(UInt64(0), &+).write(to: &writer.bytes)
            try writer.raw(keys)
            try writer.raw(textEnds)
            try writer.raw(text)
            try writer.raw(people.keys)
            try writer.raw(people.spellings.shown)
            try writer.raw(otherOwners)
            try writer.raw(otherEnds)
            try writer.raw(otherText)
            try writer.raw(otherCounts)
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

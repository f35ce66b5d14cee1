import Foundation

/// The model's people, from the papers' bylines: who each name is (`AuthorIdentity.key`),
/// each person's papers, spelling shown, place in the A–Z list, page slug and co-authors.
/// At 100k papers that is 500k names and 155k people, so it is done in plain loops over
/// numbered people: with a Dictionary of Strings updated from closures (each access to the
/// captured tables checked and retained) and a Set per paper, it was 1.2–1.3 s of the model's
/// 1.4–1.7 s; now 0.7–0.9 s (100k papers, the model made alone five times after a build).
struct SiteAuthors {
    /// A–Z by family name (`Author.sortKey`), then by name.
    let authors: [Author]
    /// For each paper, its authors as indices into `authors`, in byline order, each once.
    let paperAuthors: [[Int]]
    /// Each author's identity (`AuthorIdentity.key`), in `authors`' order: who a name added
    /// later is (`adding`).
    let keys: TermTable.Words
    /// How often each author's name is written each way, in `authors`' order: whether a
    /// spelling added later changes the one shown (`adding`).
    let spellings: Spellings

    /// How often each person's name is written in the shown spelling, and in the others (few
    /// people have any; each list A–Z), by place.
    struct Spellings: Sendable {
        var shown: [Int32] = []
        var others: [Int: [(name: String, count: Int)]] = [:]
    }

    /// People made before (`AuthorsCache`).
    init(authors: [Author], paperAuthors: [[Int]], keys: TermTable.Words, spellings: Spellings) {
        (self.authors, self.paperAuthors, self.keys, self.spellings) = (authors, paperAuthors, keys, spellings)
    }

    init(_ papers: [Paper]) {
        let keys = ParallelMap.run(papers.count) { papers[$0].authors.map(AuthorIdentity.key) }
        // People numbered in the order first met, by their keys' bytes (`AuthorIdentity.key`);
        // per paper, its names' numbers.
        var people = TermTable()
        var bylines: [[Int]] = []
        bylines.reserveCapacity(papers.count)
        var papersOf: [[Int]] = []
        // Each person's spellings with how often each is written: the first one met, and the
        // others (few people have any).
        var firstSpelling: [String] = [], firstWritten: [Int] = []
        var otherSpellings: [Int: [(name: String, count: Int)]] = [:]
        for p in papers.indices {
            let names = papers[p].authors
            var byline: [Int] = []
            byline.reserveCapacity(names.count)
            for (name, key) in zip(names, keys[p]) {
                let id = Int(people.id(key))
                if id == firstSpelling.count {
                    firstSpelling.append(name)
                    firstWritten.append(1)
                    papersOf.append([p])
                } else {
                    if firstSpelling[id] == name {
                        firstWritten[id] += 1
                    } else if let k = otherSpellings[id]?.firstIndex(where: { $0.name == name }) {
                        otherSpellings[id]![k].count += 1
                    } else {
                        otherSpellings[id, default: []].append((name, 1))
                    }
                    if papersOf[id].last != p { papersOf[id].append(p) }
                }
                byline.append(id)
            }
            bylines.append(byline)
        }
        let count = firstSpelling.count
        let shown = (0..<count).map { id in
            otherSpellings[id].map { AuthorIdentity.bestSpelling([(firstSpelling[id], firstWritten[id])] + $0) } ?? firstSpelling[id]
        }

        // A–Z: no two people have the same name (a spelling is one person's, by its key), so
        // the order leaves no tie. Keys are compared by their first eight bytes where both are
        // ASCII (bytes order ASCII as Strings do), by the Strings only past them.
        let sortKeys = ParallelMap.run(count) { Author.sortKey(of: shown[$0]) }
        let heads = ParallelMap.run(count) { SortHead(sortKeys[$0]) }
        let order = (0..<count).sorted { a, b in
            if let ordered = heads[a].orders(heads[b]) { return ordered }
            return sortKeys[a] != sortKeys[b] ? sortKeys[a] < sortKeys[b] : shown[a] < shown[b]
        }
        // Slugs in A–Z order, a repeated one numbered from its second use.
        let slugs = ParallelMap.run(count) { Self.slugBase(shown[order[$0]]) }
        var uses: [String: Int] = [:]
        uses.reserveCapacity(count)
        var authors: [Author] = []
        authors.reserveCapacity(count)
        for (at, id) in order.enumerated() {
            var slug = slugs[at]
            let use = (uses[slug] ?? 0) + 1
            uses[slug] = use
            if use > 1 { slug += "-\(use)" }
            authors.append(Author(id: slug, name: shown[id], papers: papersOf[id]))
        }
        var position = [Int](repeating: 0, count: count)  // by number
        for (at, id) in order.enumerated() { position[id] = at }
        let paperAuthors = bylines.map { ids in
            var placed: [Int] = []
            placed.reserveCapacity(ids.count)
            for id in ids where !placed.contains(position[id]) { placed.append(position[id]) }
            return placed
        }
        let coauthors = Self.coauthors(authors, paperAuthors)
        for at in authors.indices { authors[at].coauthors = coauthors[at] }
        let byNumber = people.words
        var identities = TermTable.Words()
        identities.arena.reserveCapacity(byNumber.arena.count)
        identities.starts.reserveCapacity(count + 1)
        identities.hashes.reserveCapacity(count)
        for id in order { identities.append(id, of: byNumber) }
        var spellings = Spellings(shown: order.map { Int32(firstWritten[$0]) })
        for (at, id) in order.enumerated() {
            guard let more = otherSpellings[id] else { continue }
            let all = [(name: firstSpelling[id], count: firstWritten[id])] + more
            spellings.shown[at] = Int32(all.first { $0.name == shown[id] }!.count)
            spellings.others[at] = all.filter { $0.name != shown[id] }.sorted { $0.name < $1.name }
        }
        (self.authors, self.paperAuthors, self.keys, self.spellings) = (authors, paperAuthors, identities, spellings)
    }

    /// A name's slug before any number: a slug's second use in A–Z order gets `-2`, and so on.
    static func slugBase(_ name: String) -> String {
        let slug = Slug.make(name)
        return slug.isEmpty ? "author" : slug
    }

    /// Each author's co-authors, most shared papers first, then by place; on every core, each
    /// run of authors counting in an array of its own (a table of counts per author was 0.2 s).
    static func coauthors(_ authors: [Author], _ paperAuthors: [[Int]]) -> [[(author: Int, count: Int)]] {
        let runs = max(1, min(authors.count / 1024, ProcessInfo.processInfo.activeProcessorCount * 4))
        return ParallelMap.run(runs) { run -> [[(author: Int, count: Int)]] in
            let range = (authors.count * run / runs)..<(authors.count * (run + 1) / runs)
            var shared = [Int32](repeating: 0, count: authors.count)
            var met: [Int] = []
            var lists: [[(author: Int, count: Int)]] = []
            lists.reserveCapacity(range.count)
            for index in range { lists.append(coauthors(of: index, authors, paperAuthors, shared: &shared, met: &met)) }
            return lists
        }.flatMap { $0 }
    }

    /// One author's co-authors. `shared` (zero for every author) and `met` (empty) are left
    /// as they were found.
    static func coauthors(of index: Int, _ authors: [Author], _ paperAuthors: [[Int]],
                          shared: inout [Int32], met: inout [Int]) -> [(author: Int, count: Int)] {
        // Half the authors have one paper: its other authors, once each.
        if authors[index].papers.count == 1 {
            return paperAuthors[authors[index].papers[0]].filter { $0 != index }.sorted().map { (author: $0, count: 1) }
        }
        for paper in authors[index].papers {
            for other in paperAuthors[paper] where other != index {
                if shared[other] == 0 { met.append(other) }
                shared[other] += 1
            }
        }
        let list = met.map { (author: $0, count: Int(shared[$0])) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.author < $1.author }
        for other in met { shared[other] = 0 }
        met.removeAll(keepingCapacity: true)
        return list
    }
}

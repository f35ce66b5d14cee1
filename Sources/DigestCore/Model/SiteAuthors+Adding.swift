import Foundation

/// The people after papers are added, from the people before: a listing adds 150 papers to
/// 100k, and making the people again from all 500k names was a tenth of its rebuild's CPU.
/// Only what the new bylines can change is made: the people they name (their papers, their
/// spellings' counts and co-authors), the people they bring (placed A–Z among the others), and
/// every place after those, moved along. Where the result could differ from making them all
/// again, it is not tried (nil): a known person whose shown spelling the new bylines change so
/// that their A–Z place or slug would move (a change of case moves neither), or a new person
/// whose slug another has (slugs are numbered in A–Z order).
extension SiteAuthors {
    /// `self` holds the people of every paper but those at `added` (places in `papers`, in
    /// the order the people's papers are numbered), whose bylines it holds empty.
    func adding(_ added: [Int], of papers: [Paper]) -> SiteAuthors? {
        let known = authors.count
        var table = TermTable(keys)  // id = place, for the known
        guard table.count == known else { return nil }  // (keys read back that are not all different)
        // The people of each added paper, by id (a newcomer's: `known` + its number), and each
        // one's spellings in the added bylines.
        var bylines: [[Int]] = []
        var written: [Int: [(name: String, count: Int)]] = [:]
        for p in added {
            var byline: [Int] = []
            for name in papers[p].authors {
                let id = Int(table.id(AuthorIdentity.key(name)))
                if let k = written[id]?.firstIndex(where: { $0.name == name }) {
                    written[id]![k].count += 1
                } else {
                    written[id, default: []].append((name, 1))
                }
                byline.append(id)
            }
            bylines.append(byline)
        }
        // A known person's spellings with the new ones counted, and the one shown now.
        var spellings = spellings
        var renamed: [Int: String] = [:]
        for (id, more) in written where id < known {
            var all = [(name: authors[id].name, count: Int(spellings.shown[id]))] + (spellings.others[id] ?? [])
            for spelling in more {
                if let k = all.firstIndex(where: { $0.name == spelling.name }) { all[k].count += spelling.count } else { all.append(spelling) }
            }
            let shown = AuthorIdentity.bestSpelling(all)
            let k = all.firstIndex { $0.name == shown }!
            spellings.shown[id] = Int32(all[k].count)
            all.remove(at: k)
            spellings.others[id] = all.isEmpty ? nil : all.sorted { $0.name < $1.name }
            if shown != authors[id].name { renamed[id] = shown }
        }
        let name = { (at: Int) -> String in renamed[at] ?? authors[at].name }
        for (id, shown) in renamed {
            // Renamed in place: still between its neighbours A–Z, and its slug its name's
            // first use before and after (`SiteAuthors.init` numbers a slug from its second).
            let key = (key: Author.sortKey(of: shown), name: shown)
            guard id == 0 || Arrivals.precedes((Author.sortKey(of: name(id - 1)), name(id - 1)), key),
                  id == known - 1 || Arrivals.precedes(key, (Author.sortKey(of: name(id + 1)), name(id + 1))),
                  SiteAuthors.slugBase(shown) == authors[id].id, SiteAuthors.slugBase(authors[id].name) == authors[id].id
            else { return nil }
        }
        let newcomers = (0..<(table.count - known)).map { AuthorIdentity.bestSpelling(written[known + $0]!) }
        guard let arrivals = Arrivals(newcomers, among: authors, named: name) else { return nil }

        // Each place moves past the newcomers placed before it.
        var place = [Int](repeating: 0, count: table.count)  // by id
        var next = 0
        for old in 0..<known {
            while next < arrivals.order.count && arrivals.before[next] <= old {
                place[known + arrivals.order[next]] = old + next
                next += 1
            }
            place[old] = old + next
        }
        for k in next..<arrivals.order.count { place[known + arrivals.order[k]] = known + k }

        // (With no newcomer every place stays: the kept tables are taken as they are.)
        let moved = !arrivals.order.isEmpty
        var paperAuthors = moved ? paperAuthors.map { $0.map { place[$0] } } : paperAuthors
        var papersOf: [Int: [Int]] = [:]  // by place: the added papers
        for (p, byline) in zip(added, bylines) {
            var placed: [Int] = []
            for id in byline where !placed.contains(place[id]) { placed.append(place[id]) }
            paperAuthors[p] = placed
            for at in placed { papersOf[at, default: []].append(p) }
        }

        // The known and the newcomers in their places, with their keys and spellings.
        var merged: [Author] = []
        merged.reserveCapacity(table.count)
        var mergedKeys = TermTable.Words()
        var mergedSpellings = Spellings()
        mergedSpellings.shown.reserveCapacity(table.count)
        let newKeys = table.words
        func take(_ id: Int, _ author: Author, shown: Int32, others: [(name: String, count: Int)]?) {
            merged.append(author)
            mergedKeys.append(id, of: newKeys)
            mergedSpellings.shown.append(shown)
            if let others { mergedSpellings.others[merged.count - 1] = others }
        }
        var k = 0
        for old in 0...known {
            while k < arrivals.order.count && arrivals.before[k] <= old {
                let number = arrivals.order[k]
                let all = written[known + number]!
                take(known + number, Author(id: arrivals.slugs[number], name: newcomers[number], papers: []),
                     shown: Int32(all.first { $0.name == newcomers[number] }!.count),
                     others: all.count > 1 ? all.filter { $0.name != newcomers[number] }.sorted { $0.name < $1.name } : nil)
                k += 1
            }
            guard old < known else { break }
            var author = authors[old]
            if let shown = renamed[old] {
                let coauthors = author.coauthors
                author = Author(id: author.id, name: shown, papers: author.papers)
                author.coauthors = coauthors
            }
            if moved { author.coauthors = author.coauthors.map { (author: place[$0.author], count: $0.count) } }
            take(old, author, shown: spellings.shown[old], others: spellings.others[old])
        }
        var shared = [Int32](repeating: 0, count: merged.count)
        var met: [Int] = []
        for (at, more) in papersOf {
            merged[at].papers = (merged[at].papers + more).sorted()
        }
        for at in papersOf.keys {
            merged[at].coauthors = Self.coauthors(of: at, merged, paperAuthors, shared: &shared, met: &met)
        }
        return SiteAuthors(authors: merged, paperAuthors: paperAuthors, keys: mergedKeys, spellings: mergedSpellings)
    }
}

/// The people added bylines bring, placed among the known: their slugs and A–Z order.
private struct Arrivals {
    /// The newcomers' numbers in A–Z order…
    let order: [Int]
    /// …and for each, the place of the first known person after it (`known` when none).
    let before: [Int]
    /// Each newcomer's slug, by number.
    let slugs: [String]

    /// Nil when a newcomer's slug is another's, known or new: numbering it could renumber
    /// others. (`name`: each known person's name now.)
    init?(_ names: [String], among authors: [Author], named name: (Int) -> String) {
        slugs = names.map(SiteAuthors.slugBase)
        if !slugs.isEmpty {
            // Each known person's slug looked up among the newcomers', on its bytes (slugs are
            // ASCII): a Set of the 155k known slugs, each hashed going in, was 0.13 billion
            // instructions of a listing's rebuild at 100k papers.
            var new = TermTable(capacity: slugs.count)
            for slug in slugs { _ = new.id(slug) }
            guard new.count == slugs.count else { return nil }
            // (Each slug read where it is: a person copied out of the array is a retain of each
            // of their four parts.)
            for i in authors.indices {
                guard !authors[i].id.withUTF8Bytes({ new.find($0) != nil }) else { return nil }
            }
        }
        let keys = names.map { (key: Author.sortKey(of: $0), name: $0) }
        order = names.indices.sorted { Self.precedes(keys[$0], keys[$1]) }
        before = order.map { number in
            var (low, high) = (0, authors.count)
            while low < high {
                let mid = (low + high) / 2
                if Self.precedes(keys[number], (Author.sortKey(of: name(mid)), name(mid))) { high = mid } else { low = mid + 1 }
            }
            return low
        }
    }

    /// As `SiteAuthors.init` orders people: by sort key, then name (no two have one name).
    static func precedes(_ a: (key: String, name: String), _ b: (key: String, name: String)) -> Bool {
        a.key != b.key ? a.key < b.key : a.name < b.name
    }
}

import Foundation
import Testing
@testable import DigestCore

/// The model's people (`SiteAuthors`) are made in loops over numbers, with keys told apart by
/// their bytes and A–Z heads compared as numbers; they must be what a plain pass — a Dictionary
/// by key (Strings agree by their composed form), a sort by `Author.sortKey`, a table of counts
/// per author — makes.
@Suite struct SiteAuthorsTests {
    struct Person: Equatable {
        let id: String, name: String, papers: [Int], coauthors: [[Int]]
    }

    /// The plain pass, over the bylines in the model's order.
    static func plainPass(_ bylines: [[String]]) -> (people: [Person], paperAuthors: [[Int]]) {
        var idOfKey: [String: Int] = [:]
        var papersOf: [[Int]] = [], spellings: [[(name: String, count: Int)]] = []
        var numbers: [[Int]] = []
        for (paper, names) in bylines.enumerated() {
            var byline: [Int] = []
            for name in names {
                let key = AuthorIdentity.key(name)
                let id = idOfKey[key] ?? papersOf.count
                if id == papersOf.count { idOfKey[key] = id; papersOf.append([]); spellings.append([]) }
                if let k = spellings[id].firstIndex(where: { $0.name == name }) { spellings[id][k].count += 1 } else { spellings[id].append((name, 1)) }
                if papersOf[id].last != paper { papersOf[id].append(paper) }
                byline.append(id)
            }
            numbers.append(byline)
        }
        let names = spellings.map(AuthorIdentity.bestSpelling)
        let order = names.indices.sorted {
            let (a, b) = (Author.sortKey(of: names[$0]), Author.sortKey(of: names[$1]))
            return a != b ? a < b : names[$0] < names[$1]
        }
        var place = [Int](repeating: 0, count: order.count)
        for (at, id) in order.enumerated() { place[id] = at }
        let paperAuthors = numbers.map { ids in
            var seen = Set<Int>()
            return ids.map { place[$0] }.filter { seen.insert($0).inserted }
        }
        var taken: [String: Int] = [:]
        let people = order.enumerated().map { at, id -> Person in
            var slug = Slug.make(names[id])
            if slug.isEmpty { slug = "author" }
            taken[slug, default: 0] += 1
            if taken[slug]! > 1 { slug += "-\(taken[slug]!)" }
            var counts: [Int: Int] = [:]
            for paper in papersOf[id] { for other in paperAuthors[paper] where other != at { counts[other, default: 0] += 1 } }
            let coauthors = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { [$0.key, $0.value] }
            return Person(id: slug, name: names[id], papers: papersOf[id], coauthors: coauthors)
        }
        return (people, paperAuthors)
    }

    static func check(_ bylines: [[String]]) {
        let papers = bylines.enumerated().map { i, names in
            var paper = Paper(id: "p\(i)", title: "Paper \(i)")
            paper.authors = names
            return paper
        }
        let made = SiteAuthors(papers)
        let plain = plainPass(bylines)
        let people = made.authors.map { Person(id: $0.id, name: $0.name, papers: $0.papers, coauthors: $0.coauthors.map { [$0.author, $0.count] }) }
        #expect(people.count == plain.people.count)
        for (a, b) in zip(people, plain.people) where a != b { Issue.record("\(a) made, \(b) by the plain pass") }
        #expect(made.paperAuthors == plain.paperAuthors)
    }

    @Test func theSamplesPeopleAreThePlainPasss() {
        let bylines = SearchTests.sample.papers.map(\.authors)
        #expect(bylines.joined().count > 1_000)
        Self.check(bylines)
    }

    /// Spellings of one person (case, spaces, composed or not), a name twice in a byline, slugs
    /// that collide, family names alike in their first eight bytes, and names with no slug.
    @Test func trickyNamesAreThePlainPasss() {
        Self.check([
            ["AJAY JAISWAL", "François  Charton", "Ajay Jaiswal"],
            ["Ajay Jaiswal", "Zhe Gan", "José Álvarez", "Jose\u{301} A\u{301}lvarez"],
            ["ajay jaiswal", "Li Wei", "Li Wéi", "Li  Wei"],
            ["Anna Schwarzenegger", "Bert Schwarzenegger", "Anna Schwarzenbach", "Zoë Schwarzenegger"],
            ["李 伟", "王芳", "—", "???", "Émile Zola", "Emile Zola"],
            ["Zhe Gan", "Li Wei", "Ajay Jaiswal", "Anna Schwarzenegger"],
            [],
            ["Solo Author"],
            // A composed name whose case, lowered, is no longer composed: one person with the
            // lowered name composed again (`AuthorIdentity.key` composes its keys).
            ["\u{386}\u{345}lpha Beta", "\u{386}\u{345}lpha Beta".precomposedStringWithCanonicalMapping.lowercased().precomposedStringWithCanonicalMapping],
        ])
    }
}

import Testing
@testable import DigestCore

@Suite struct ModelTests {
    func paper(_ id: String, _ title: String, authors: [String], date: String? = nil, abstract: String = "") -> Paper {
        var p = Paper(id: id, title: title)
        p.authors = authors
        p.date = date
        p.abstract = abstract
        return p
    }

    /// Copies share their facts' box until one is changed (`Paper.facts`): a change to a copy,
    /// through a field or the facts whole, leaves every other copy as it was — the real papers'.
    @Test func aChangedCopyOfAPaperLeavesTheOthersAsTheyWere() {
        let papers = SearchTests.sample.papers
        #expect(papers.count > 10)
        for original in papers {
            var copy = original
            let kept = original
            copy.title += " (edited)"
            copy.authors.append("Ada Lovelace")
            copy.facts.tags = ["edited"]
            var other = kept
            other.facts = PaperFacts(title: "Another")
            #expect(original.facts == kept.facts && kept.title != copy.title && kept.authors != copy.authors)
            #expect(copy.title == original.title + " (edited)" && copy.tags == ["edited"] && other.title == "Another")
            #expect(original.title != "Another")
        }
    }

    /// Newest first, a day's papers by id (the title's slug as first ingested), the undated
    /// (the sample's poster sessions) in their listings' order: every title of the sample
    /// edited to start with another letter leaves every paper where it was; a date edited moves
    /// its paper to its new day.
    @Test func aTitleEditMovesNoPaperADateEditDoes() throws {
        let model = SearchTests.sample.papers
        let days = Dictionary(grouping: model.indices, by: { model[$0].date })
        #expect(days.values.contains { $0.count > 5 })
        for (day, places) in days where day != nil { #expect(places == places.sorted { model[$0].id < model[$1].id }) }
        let undated = try #require(days[nil])
        #expect(undated.count > 100 && undated.allSatisfy { !model[$0].sources.isEmpty })
        #expect(undated == undated.sorted { model[$0].sources[0] < model[$1].sources[0] })
        let edited = model.enumerated().map { i, paper in
            var copy = paper
            copy.title = (i % 2 == 0 ? "Zz " : "Aa ") + paper.title
            return copy
        }
        #expect(SiteModel.newestFirst(edited.reversed()).map(\.id) == model.map(\.id))
        var moved = model
        let last = try #require(moved.indices.last { moved[$0].date != nil })
        moved[last].date = "2099-01-01"
        #expect(SiteModel.newestFirst(moved).first?.id == model[last].id)
    }

    @Test func authorsAgreeAfterFoldingAndShowTheBestCasing() {
        let model = SiteModel(config: SiteConfig(), papers: [
            paper("a", "A", authors: ["AJAY JAISWAL", "François  Charton"]),
            paper("b", "B", authors: ["Ajay Jaiswal", "Zhe Gan"]),
            paper("c", "C", authors: ["ajay jaiswal"]),
        ], listings: [:])
        let ajay = model.authors.first { $0.id == "ajay-jaiswal" }
        #expect(ajay?.name == "Ajay Jaiswal")
        #expect(ajay?.papers.count == 3)
        #expect(model.authors.contains { $0.id == "francois-charton" && $0.name == "François  Charton" })
        #expect(model.authors.map(\.name) == ["François  Charton", "Zhe Gan", "Ajay Jaiswal"])  // A–Z by family name
        #expect(ajay?.coauthors.count == 2)
    }

    /// The key of an ASCII name, made on bytes, is the key the general path makes: for every
    /// author of the sample, and for names with every ASCII character in them.
    @Test func authorKeysOnBytesAreTheGeneralPathsKeys() {
        func general(_ name: String) -> String {
            name.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        var names = SearchTests.sample.papers.flatMap(\.authors).filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        for byte in UInt8(0)..<0x80 {
            let c = String(UnicodeScalar(byte))
            names += [c, "Ada\(c)Lovelace", "\(c)Ada  Lovelace\(c)", "ADA \(c)\(c) LOVELACE", "Ada\(c)\r\nLovelace \t"]
        }
        #expect(names.count > 1_500)
        for name in names {
            let key = AuthorIdentity.asciiKey(name)
            #expect(key != nil)
            if key != general(name) { Issue.record("\(name.debugDescription): \(key.debugDescription) on bytes, \(general(name).debugDescription) in general") }
        }
        #expect(AuthorIdentity.asciiKey("François Charton") == nil)
        #expect(AuthorIdentity.key("François\u{A0}CHARTON") == "françois charton")  // no-break space is white space too
    }

    @Test func papersAreNewestFirstUndatedLast() {
        let model = SiteModel(config: SiteConfig(), papers: [
            paper("x", "Undated", authors: []), paper("y", "Old", authors: [], date: "2020-01-01"),
            paper("z", "New", authors: [], date: "2024-05-01"), paper("w", "Also undated", authors: []),
        ], listings: [:])
        #expect(model.papers.map(\.id) == ["z", "y", "w", "x"])
    }

    /// Undated papers by their first source, in its listing's order — a later poster session
    /// after an earlier one, each as it lists its papers — not by id; then those from no
    /// listing, by id. A paper in two listings goes by the first.
    @Test func undatedPapersGoByTheirListingsOrder() {
        func undated(_ id: String, _ sources: [(String, Int)]) -> Paper {
            var p = paper(id, id, authors: [])
            p.sources = sources.map { SourceRef(listing: $0.0, line: $0.1) }
            return p
        }
        let model = SiteModel(config: SiteConfig(), papers: [
            undated("apple", [("posters-day-2.txt", 4)]), undated("hand-made", []),
            undated("zebra", [("posters-day-1.txt", 40)]), undated("mango", [("posters-day-2.txt", 1)]),
            undated("banana", [("posters-day-1.txt", 7), ("posters-day-2.txt", 9)]), undated("cherry", []),
            paper("dated", "Dated", authors: [], date: "2020-01-01"),
        ], listings: [:])
        #expect(model.papers.map(\.id) == ["dated", "banana", "zebra", "mango", "apple", "cherry", "hand-made"])
    }

    /// The model's sort, which compares numbers made once per paper, orders papers as
    /// `Paper.newestFirst` does: 3,000 papers of a few days or undated, with ids that share
    /// their first eight bytes or are not ASCII, from a few listings or none; with a paper dated
    /// otherwise than YYYY-MM-DD among them (the numbers then are not packed) and without.
    @Test(arguments: [true, false]) func theModelsSortIsNewestFirst(oddDate: Bool) {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let days: [String?] = [nil, nil, "2024-05-01", "2024-05-02", "2023-12-31"] + (oddDate ? ["2024-5-1"] : [])
        let papers = (0..<3000).map { n -> Paper in
            var p = paper(["paper-on-", "paper-of-", "a-", "zz", "été-"][next(5)] + String(next(100_000)) + "-\(n)", "T", authors: [], date: days[next(days.count)])
            p.sources = (0..<next(3)).map { _ in SourceRef(listing: ["posters-2.txt", "posters-10.txt", "daily.txt"][next(3)], line: next(50)) }.sorted()
            return p
        }
        #expect(SiteModel.newestFirstOrder(papers).map { papers[$0].id } == papers.sorted(by: Paper.newestFirst).map(\.id))
    }

    /// A day's papers by id — the title's slug as first ingested — not by their titles now: the
    /// paper whose title was edited from "Banana split" to "Apple pie" stays after "apple".
    @Test func sameDateTiesSortById() {
        let model = SiteModel(config: SiteConfig(), papers: [
            paper("banana-split", "Apple pie", authors: [], date: "2024-01-01"), paper("eclair", "Éclair", authors: [], date: "2024-01-01"),
            paper("apple-2", "Apple", authors: [], date: "2024-01-01"), paper("apple", "apple", authors: [], date: "2024-01-01"),
        ], listings: [:])
        #expect(model.papers.map(\.id) == ["apple", "apple-2", "banana-split", "eclair"])
    }

    @Test func relatedPapersShareTopics() throws {
        let site = BuiltSample.site
        let papers = RecordStore(folder: site + "/content/papers")
            .readEach { _, read in (try? read.get()).flatMap { try? Paper.from($0, file: "").get() } }.compactMap { $0 }
        let model = SiteModel(config: SiteConfig(), papers: papers, listings: [:])
        let unlearning = try #require(model.paperIndex["negative-preference-optimization-from-catastrophic-collapse-to-effective"])
        let related = model.related[unlearning].map { model.papers[$0].title.lowercased() }
        #expect(related.count == 5)
        #expect(!related.contains(model.papers[unlearning].title.lowercased()))
        #expect(related.filter { $0.contains("unlearn") }.count >= 3)
    }
}

extension ModelTests {
    /// A list item is rendered once and each page puts its link root in; an item whose own text
    /// holds the stand-in for the root is rendered per root, so both give what rendering per
    /// root gives.
    @Test func listItemsRenderedOnceGiveWhatEachRootGives() throws {
        var marked = paper("m", "Title with \(SiteRenderer.rootMark) inside", authors: ["A \(SiteRenderer.rootMark)"])
        marked.tags = ["t"]
        var plain = paper("p", "Plain & <simple>", authors: ["B C"], date: "2024-01-02")
        plain.tags = ["t", "u"]
        let model = SiteModel(config: SiteConfig(), papers: [marked, plain], listings: [:])
        let templates = try TemplateSet.load(siteTemplates: "/nonexistent").get()
        for renderAll in [false, true] {
            let renderer = SiteRenderer(model: model, templates: templates, linkStyle: .files, katex: false, baseURL: "")
                .prepared(renderAll: renderAll)
            #expect(renderer.mayHoldRootMark(model.paperIndex["m"]!))
            #expect(!renderer.mayHoldRootMark(model.paperIndex["p"]!))
            for index in model.papers.indices {
                for root in ["./", "../../", "../../../../"] {
                    let html = renderer.items.html(index, root: root, renderer: renderer)
                    #expect(html == renderer.renderItem(index, root: root))
                    #expect(html.contains(root + "papers/"))
                }
            }
        }
        #expect(ItemMemo.replacing("ab", in: "xabyab", with: "./") == "x./y./")
        // Left to right, a mark at a time, as Foundation replaces: at the ends, side by side,
        // overlapping, none, and around text beyond ASCII.
        for text in ["", "ab", "abab", "aab", "aaab", "xyz", "abé—ab", "é\u{1}root\u{1}é", "\u{1}root\u{1}\u{1}root\u{1}x", "\u{1}roo"] {
            for (mark, replacement) in [("ab", "./"), ("aa", ""), ("\u{1}root\u{1}", "../../../../"), ("\u{1}root\u{1}", "")] {
                // (Byte for byte: Strings are equal when their characters are, in any form.)
                #expect(Array(ItemMemo.replacing(mark, in: text, with: replacement).utf8) == Array(text.replacingOccurrences(of: mark, with: replacement).utf8),
                        "\(text.debugDescription) \(mark.debugDescription)")
            }
        }
    }
}

extension ModelTests {
    /// Related papers read ASCII keys on bytes; they must find the terms the general path finds.
    @Test func relatedTermsOnBytesAreTheGeneralPathsTerms() {
        var compared = 0
        for paper in SearchTests.sample.papers {
            for text in [paper.title, paper.abstract] {
                var bytes = SearchTokenizer.StringTokens()
                RelatedPapers.forEachTerm(text, into: &bytes)
                #expect(bytes.tokens == RelatedPapers.generalTerms(TextNormalization.identityKey(text)), "\(text)")
                compared += 1
            }
        }
        #expect(compared > 900)
        let tricky = "policies series glass bus gas ies sies models LLMs proposes as is the a"
        var bytes = SearchTokenizer.StringTokens()
        RelatedPapers.forEachTerm(tricky, into: &bytes)
        #expect(bytes.tokens == RelatedPapers.generalTerms(TextNormalization.identityKey(tricky)))
        #expect(bytes.tokens == ["policy", "sery", "glass", "bus", "gas", "ies", "sie", "llm"])  // `propose` is a stop word
    }
}

extension ModelTests {
    /// A paper's strongest terms and its neighbours are kept as candidates go by; they must be
    /// what sorting all the candidates and taking the first gives, ties broken the same way.
    @Test func topIsTheSortedPrefix() {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 5, 24, 25, 100, 300] {
            // Few distinct weights, so that the tie-break by term decides often.
            let terms = (0..<size).map { (term: $0, weight: Float(Int.random(in: 0..<8, using: &generator))) }.shuffled()
            let order: ((term: Int, weight: Float), (term: Int, weight: Float)) -> Bool = {
                $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term
            }
            for count in [0, 1, 5, 24] {
                let expected = Array(terms.sorted(by: order).prefix(count))
                let kept = RelatedPapers.top(count, of: terms, by: order)
                #expect(kept.map(\.term) == expected.map(\.term), "size \(size), count \(count)")
            }
        }
    }

    /// A paper's neighbours are kept as papers are offered, in any order: the highest scores
    /// first, ties by index, as sorting them all gives; the bar is the last one's score, the
    /// ceiling the next one's.
    @Test func bestScoresAreTheSortedPrefix() {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 5, 6, 100, 300] {
            // Few distinct scores, so that the tie-break by index decides often.
            let offered = (0..<size).map { (paper: $0, score: Float(Int.random(in: 1..<8, using: &generator)) / 8) }.shuffled()
            for count in [0, 1, 5, 24] {
                var best = RelatedPapers.BestScores(count)
                for (paper, score) in offered { best.offer(paper, score) }
                let sorted = offered.sorted { $0.score != $1.score ? $0.score > $1.score : $0.paper < $1.paper }
                let expected = sorted.prefix(count)
                #expect(best.list == expected.map(\.paper), "size \(size), count \(count)")
                #expect(best.bar == (expected.last?.score ?? 0))
                #expect(best.ceiling == (size > count ? sorted[count].score : 0))
            }
        }
        var best = RelatedPapers.BestScores(3)
        for (paper, score) in [(4, Float(0.9)), (3, 0.1), (2, 0.5), (1, 0.9), (0, 0.5)] { best.offer(paper, score) }
        #expect(best.list == [1, 4, 0])
        #expect(best.bar == 0.5)
        #expect(best.ceiling == 0.5)
    }
}

extension ItemMemo {
    /// Every `mark` in `text` replaced, as `append` does it onto a list's bytes.
    static func replacing(_ mark: String, in text: String, with replacement: String) -> String {
        var (text, replacement) = (text, replacement)
        var bytes: [UInt8] = []
        text.withUTF8 { text in replacement.withUTF8 { append(text, replacing: mark, with: $0, to: &bytes) } }
        return String(decoding: bytes, as: UTF8.self)
    }
}

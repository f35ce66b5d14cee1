import Foundation
import Testing
@testable import DigestCore

/// The search index built from the sample site's own records, queried as `digest search` does.
@Suite struct SearchTests {
    static let sample: SiteModel = {
        var diagnostics: [Diagnostic] = []
        let loaded = SiteLoader.load(SitePaths(root: Fixtures.repoRoot), diagnostics: &diagnostics)!
        return SiteModel(config: loaded.config, papers: loaded.papers, listings: loaded.listings)
    }()
    static let files = Dictionary(uniqueKeysWithValues: SearchIndexBuilder.files(sample.papers).map { ($0.path, $0.bytes) })

    func search(_ query: String) -> [String] {
        SearchEngine(read: { Self.files[$0] })!.search(query).map { Self.sample.paper(numbered: $0).id }
    }

    @Test func tokensAgreeWithTheFixtureTheBrowserIsTestedAgainst() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.repoRoot + "/Tests/search/tokens.json"))
        let cases = try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
        #expect(cases.count > 10)
        for c in cases {
            #expect(SearchTokenizer.tokens(c["text"] as! String) == c["tokens"] as! [String], "\(c["text"]!)")
        }
    }

    /// Filters are made once per distinct tag, year, venue and name (`FilterKeys`): each key's
    /// papers are those whose own values give it, each once — two authors who share a surname,
    /// a tag named twice, a venue with no words.
    @Test func eachFilterListsThePapersThatAnswerToIt() {
        var papers = Array(Self.sample.papers.prefix(40))
        var odd = Paper(id: "odd", title: "Odd")
        odd.facts.authors = ["Wei Wang", "Xin WANG", "Jürgen Schmidhuber"]
        odd.facts.tags = ["graphs", "graphs"]
        (odd.facts.venue, odd.facts.date) = ("—", "2024-05-06")
        papers.insert(odd, at: 7)
        // What each paper answers to, made for it alone.
        var expected: [String: [Int32]] = [:]
        for (p, paper) in papers.enumerated() {
            var keys = paper.tags.map { "tag:" + $0 } + paper.authors.flatMap(SearchLayout.authorFilters)
            if let year = paper.year { keys.append("year:" + year) }
            let venue = SearchTokenizer.key(paper.venue ?? "")
            if !venue.isEmpty { keys.append("venue:" + venue) }
            for key in Set(keys) { expected[key, default: []].append(Int32(p)) }
        }
        let made = Dictionary(uniqueKeysWithValues: FilterKeys(papers).lists().map { ($0.key, Array($0.papers)) })
        #expect(made == expected)
        #expect(made["author:wang"]?.filter { $0 == 7 }.count == 1 && made["tag:graphs"]?.contains(7) == true)
        #expect(made["year:2024"]?.contains(7) == true && !made.keys.contains("venue:"))
    }

    @Test func aTitleFindsItsPaperFirst() {
        #expect(search("Spectrally Transformed Kernel Regression").first == "spectrally-transformed-kernel-regression")
        #expect(search("Multi-HMR human mesh").first == "multi-hmr-multi-person-whole-body-human-mesh-recovery-in-a-single-shot")
    }

    @Test func anAuthorFindsTheirPapers() {
        let found = search("Runtian Zhai")
        #expect(found.first == "spectrally-transformed-kernel-regression")
        // Accents folded both ways: the byline says Schölkopf.
        #expect(!search("scholkopf").isEmpty)
        #expect(search("scholkopf") == search("Schölkopf"))
    }

    @Test func theLastWordMayBeUnfinished() {
        #expect(search("Text2Rew").first == "text2reward-reward-shaping-with-language-models-for-reinforcement-learning")
        // …but only the last one, and not once a space follows it (then it is a near-miss of `texture`).
        #expect(search("Text2Rew ").first != "text2reward-reward-shaping-with-language-models-for-reinforcement-learning")
    }

    @Test func oneEditTyposFindThePaper() {
        for typo in ["Spectraly Transformed Kernel Regression",      // deletion
                     "Spectrally Transfromed Kernel Regression",     // swap
                     "Spectrally Transformed Kernel Regressiom",     // substitution at the end
                     "Spectrally Transformed Kernnel Regression"] {  // insertion
            #expect(search(typo).first == "spectrally-transformed-kernel-regression", "\(typo)")
        }
    }

    @Test func exactWordsOutrankNearMisses() {
        // `kernels` is a word of the index; `kernel` is too, so no near-miss is tried for it.
        let engine = SearchEngine(read: { Self.files[$0] })!
        #expect(engine.expand("kernel", last: false).map(\.0) == ["kernel"])
        #expect(engine.expand("kernle", last: false).allSatisfy { $0.1 < 1 })
    }

    @Test func acronymPluralsAndStemmingMeetTheSingular() {
        #expect(search("LLMs") == search("LLM"))
        #expect(search("policies") == search("policy"))
        #expect(!search("LLMs").isEmpty)
    }

    @Test func filtersNarrowTheResults() {
        let tag = Self.sample.tags.first { $0.id == "rlhf" }!
        #expect(search("tag:rlhf") == tag.papers.map { Self.sample.papers[$0].id })  // newest first, all of them
        let reward = search("reward tag:rlhf")
        #expect(!reward.isEmpty && reward.allSatisfy(search("tag:rlhf").contains))
        #expect(search("reward").count > reward.count)
        let zhai = search("author:zhai")
        #expect(zhai.count >= 2)
        #expect(zhai.allSatisfy { id in Self.sample.papers.first { $0.id == id }!.authors.contains { $0.lowercased().contains("zhai") } })
        #expect(search("year:1900").isEmpty)
    }

    @Test func postingsAreBestFirstAndCapped() throws {
        let termFiles = Self.files.filter { $0.key.hasPrefix("search/t/") }
        #expect(termFiles.count == (try JSONSerialization.jsonObject(with: Data(Self.files[SearchLayout.manifest]!)) as! [String: Int])["termBuckets"])
        for (_, bytes) in termFiles {
            let bucket = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: [Int]]
            for (_, list) in bucket {
                #expect(list.count <= 2 * SearchLayout.postingsPerTerm)
                let scores = stride(from: 1, to: list.count, by: 2).map { list[$0] }
                #expect(scores == scores.sorted(by: >))
            }
        }
    }

    /// A word every paper has (a site's one venue) at a count of papers the IDFs round down
    /// (281–284 to 280): its IDF was below 0, and building the index crashed on its score.
    @Test func aWordInEveryPaperOfARoundedDownCountIsScored() {
        let iclr = Self.sample.papers.filter { $0.venue == "ICLR 2024" }
        #expect(iclr.count == 285)
        for count in [281, 284, 285] {
            let papers = Array(iclr.prefix(count))
            let files = Dictionary(uniqueKeysWithValues: SearchIndexBuilder.files(papers).map { ($0.path, $0.bytes) })
            let found = SearchEngine(read: { files[$0] })!.search("iclr")
            #expect(Set(found) == Set(0..<count), "\(found.count) of \(count)")
        }
    }

    @Test func theStartUpFileDoesNotGrowWithTheSite() {
        let small = SiteModel(config: SiteConfig(), papers: Array(Self.sample.papers.prefix(10)), listings: [:])
        let tiny = SearchIndexBuilder.files(small.papers).first { $0.path == SearchLayout.manifest }!.bytes
        let full = Self.files[SearchLayout.manifest]!
        #expect(full.count - tiny.count <= 4)  // only the digits of the counts differ
    }

    @Test func hostileTextStaysInsideItsJSONString() throws {
        var paper = Paper(id: "x", title: "</script><script>alert(1)</script> \u{2028} \"quoted\"")
        paper.abstract = "<!-- comment --> & more"
        paper.authors = ["Robert'); DROP TABLE"]
        let model = SiteModel(config: SiteConfig(), papers: [paper], listings: [:])
        for file in SearchIndexBuilder.files(model.papers) {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(!text.contains("</") && !text.contains("<!--") && !text.contains("\u{2028}"), "\(file.path)")
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(file.bytes)) }
        }
        let found = SearchEngine(read: { path in SearchIndexBuilder.files(model.papers).first { $0.path == path }?.bytes })!
        #expect(found.display(0)?.title == paper.title)
    }
}

extension SearchTests {
    @Test func theASCIIPathGivesWhatTheGeneralPathGives() {
        var compared = 0
        for paper in Self.sample.papers {
            for text in [paper.title, paper.abstract] + paper.authors where text.utf8.allSatisfy({ $0 < 0x80 }) {
                for drop in [true, false] {
                    #expect(SearchTokenizer.tokens(text, dropStopWords: drop) == SearchTokenizer.generalTokens(text, dropStopWords: drop), "\(text)")
                }
                #expect(SearchTokenizer.key(text) == SearchTokenizer.generalKey(text), "\(text)")
                compared += 1
            }
        }
        #expect(compared > 1000)
        #expect(SearchTokenizer.stopWords.allSatisfy { $0.count <= 5 })  // the ASCII path relies on it
        let tricky = "LLMs GANs AIs A-B-C-- x-y --z k-NN GPT-4o ABCs TAs Ss 3Ds IEs policies bus is as glass species aies-eies oes"
        #expect(SearchTokenizer.tokens(tricky) == SearchTokenizer.generalTokens(tricky, dropStopWords: true))
    }

    /// An ASCII name's `author:` filters, made on bytes, are the ones its key gives: for every
    /// ASCII author of the sample and names holding each ASCII character.
    @Test func authorFiltersOnBytesAreTheKeysFilters() {
        func general(_ name: String) -> [String] {
            SearchTokenizer.key(name).split(separator: "-").filter { $0.unicodeScalars.count >= 2 }.map { "author:" + $0 }
        }
        var names = Self.sample.papers.flatMap(\.authors).filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        for byte in UInt8(0)..<0x80 {
            let c = String(UnicodeScalar(byte))
            names += [c, "J\(c) Smith-Jones", "\(c)Ann O'Neil\(c)", "X-AE" + c, "Li Z9 \(c)\(c)ab"]
        }
        #expect(names.count > 1_000)
        for name in names where name.utf8.allSatisfy({ $0 < 0x80 }) {
            let filters = SearchLayout.asciiAuthorFilters(name)
            if filters != general(name) { Issue.record("\(name.debugDescription): \(filters.debugDescription) on bytes, \(general(name)) from the key") }
        }
        #expect(SearchLayout.asciiAuthorFilters("Bernhard Schölkopf") == nil)
        #expect(SearchLayout.authorFilters("Bernhard Schölkopf") == ["author:bernhard", "author:scholkopf"])
    }

    /// A text with a character past ASCII is tokenised piece by piece between its ASCII white
    /// space, the pieces without one on bytes: the tokens are the general path's for the whole.
    @Test func mixedTextsGiveWhatTheGeneralPathGives() {
        var texts = Self.sample.papers.flatMap { [$0.title, $0.abstract] + $0.authors }.filter { !$0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(texts.count > 50)
        texts += ["é", " é ", "  ", "", "naïve-Bayes café\tπ-calculus  LLMs über-GANs x", "\u{301}abc de", "a\r\nb é\u{A0}c d-é",
                  "Schölkopf and the the LLMs", "x é", "é x", "a-\u{2010}b ö", "k-NN\u{2011}é GPT-4o", "ﬁ ligature, of the ∑ sum; ok."]
        for text in texts {
            for drop in [true, false] {
                #expect(SearchTokenizer.tokens(text, dropStopWords: drop) == SearchTokenizer.generalTokens(text, dropStopWords: drop), "\(text.debugDescription)")
            }
        }
    }
}

extension SearchTests {
    /// 801 papers: 400 titled "Alpha beta", 400 "Gamma delta", and the oldest "Alpha gamma".
    /// `alpha` and `gamma` each have more papers than postings kept, and the oldest is cut from
    /// both; the pair `alpha gamma` still finds it first.
    @Test func aPairOfCommonWordsFindsTheOnePaperWithBoth() {
        var papers: [Paper] = []
        for i in 0..<400 {
            var a = Paper(id: "ab-\(i)", title: "Alpha beta")
            a.date = "2024-01-01"
            var g = Paper(id: "gd-\(i)", title: "Gamma delta")
            g.date = "2024-01-01"
            papers += [a, g]
        }
        var target = Paper(id: "target", title: "Alpha gamma")
        target.date = "2000-01-01"
        papers.append(target)
        let model = SiteModel(config: SiteConfig(), papers: papers, listings: [:])
        let files = Dictionary(uniqueKeysWithValues: SearchIndexBuilder.files(model.papers).map { ($0.path, $0.bytes) })
        let engine = SearchEngine(read: { files[$0] })!
        #expect(engine.postings("alpha").count == 2 * SearchLayout.postingsPerTerm)  // cut…
        #expect(!stride(from: 0, to: engine.postings("alpha").count, by: 2).contains { engine.postings("alpha")[$0] == 0 })  // …before the target (the oldest: number 0)
        #expect(engine.search("alpha gamma").first.map { model.paper(numbered: $0).id } == "target")
        // Pairs are looked up whole, never listed for completion or near-misses.
        #expect(files.filter { $0.key.hasPrefix("search/p/") || $0.key.hasPrefix("search/s/") }.allSatisfy { !String(decoding: $0.value, as: UTF8.self).contains(" ") })
    }
}

extension SearchTests {
    @Test func theTermTableGivesEachWordOneDenseId() {
        var table = TermTable()
        let words = (0..<10_000).map { "w\($0 * 7919 % 10_007)" } + ["", "é", "a b"]
        let ids = words.map { table.id($0) }
        #expect(ids == (0..<Int32(words.count)).map { $0 })  // dense, first-seen order, past several growths
        #expect(words.map { table.id($0) } == ids)  // the same word, the same id
        #expect(table.names() == words)
        #expect(table.count == words.count)
    }

    /// A table made from words all different (the kept words) gives each its place, and finds
    /// them and new ones as a table made word by word; words that repeat make none.
    @Test func aTableOfDistinctWordsIsTheTableTheyMakeOneByOne() throws {
        let words = (0..<10_000).map { "w\($0 * 7919 % 10_007)" } + ["", "é", "a b"]
        var byOne = TermTable()
        for word in words { _ = byOne.id(word) }
        let distinct = byOne.words
        var whole = try #require(TermTable(distinct: distinct))
        #expect(words.map { whole.id($0) } == (0..<Int32(words.count)).map { $0 })
        #expect(whole.count == words.count)
        #expect(whole.id("new") == byOne.id("new"))
        var repeated = distinct
        repeated.append(17, of: distinct)
        #expect(TermTable(distinct: repeated) == nil)
        #expect(TermTable(repeated).count == words.count)
    }

    /// Tables made one per run of papers merge into one with each word once, in first-seen
    /// order across the runs, and map each run's ids to the merged ones.
    @Test func termTablesMergeInFirstSeenOrder() {
        let runs = [["model", "kernel", "é", "a b"], ["kernel", "graph", "model", ""], [], ["graph", "new", "é"]]
        var merged = TermTable()
        var maps: [[Int]] = []
        for run in runs {
            var table = TermTable()
            for word in run { _ = table.id(word) }
            maps.append(merged.merge(table))
        }
        #expect(merged.names() == ["model", "kernel", "é", "a b", "graph", "", "new"])
        #expect(maps == [[0, 1, 2, 3], [1, 4, 0, 5], [], [4, 6, 2]])
        // Runs of the sample's papers: the merged table knows every run's word under its own id.
        let papers = SearchTests.sample.papers
        let chunks = stride(from: 0, to: papers.count, by: 100).map { SearchIndexBuilder.terms(of: papers[$0..<min($0 + 100, papers.count)]) }
        var all = TermTable()
        for chunk in chunks {
            let map = all.merge(chunk.table)
            let names = chunk.table.names(), allNames = all.names()
            #expect(names.indices.allSatisfy { allNames[map[$0]] == names[$0] })
        }
        #expect(all.count == Set(chunks.flatMap { $0.table.names() }).count)
    }

    @Test func wordsAreCountedPerPaperAndField() {
        var first = Paper(id: "a", title: "Kernel kernels")
        first.authors = ["Ann Kernel"]
        first.abstract = "Kernel methods, and the kernel-trick."
        var second = Paper(id: "b", title: "Other")
        second.abstract = "Kernel"
        let chunk = SearchIndexBuilder.terms(of: [first, second][...])
        func counts(_ paper: Int, _ word: String) -> [UInt16] {
            guard let id = chunk.table.names().firstIndex(of: word),
                  let i = chunk.papers.range(of: paper).first(where: { chunk.terms[$0] == Int32(id) }) else { return [] }
            return (0..<SearchIndexBuilder.fieldCount).map { chunk.fieldCounts(at: i)[$0] }
        }
        #expect(chunk.papers.count == 2)
        #expect(counts(0, "kernel") == [2, 1, 0, 0, 2])  // title (kernels stemmed), author, abstract
        #expect(counts(0, "kerneltrick") == [0, 0, 0, 0, 1])
        #expect(counts(0, "kernel kernel") == [1, 0, 0, 0, 0])  // the title's pair, not in its length
        #expect(counts(0, "ann kernel") == [0, 1, 0, 0, 0])
        #expect(counts(1, "kernel") == [0, 0, 0, 0, 1])
        #expect(counts(1, "other") == [1, 0, 0, 0, 0])
        #expect(Array((0..<5).map { chunk.lengths[0][$0] }) == [2, 2, 0, 0, 5])  // kernel, method, kernel, trick, kerneltrick
    }

    @Test func countsTooLargeToPackAreKeptAsTheyAre() {
        var paper = Paper(id: "a", title: "Loop")
        paper.abstract = Array(repeating: "loop", count: 300).joined(separator: " ")  // 300 > 255, the abstract's 8 bits
        let chunk = SearchIndexBuilder.terms(of: [paper][...])
        let loop = chunk.papers.range(of: 0).first { chunk.table.names()[Int(chunk.terms[$0])] == "loop" }!
        #expect(chunk.counts[loop] == SearchIndexBuilder.PackedCounts.outsized)
        #expect(chunk.fieldCounts(at: loop)[0] == 1 && chunk.fieldCounts(at: loop)[4] == 300)
        var full = SearchIndexBuilder.FieldCounts()
        for f in 0..<4 { full[f] = 63 }
        full[4] = 255
        #expect(SearchIndexBuilder.PackedCounts.pack(full) == nil)  // packs to the mark itself
        full[4] = 254
        #expect(SearchIndexBuilder.PackedCounts.pack(full).map(SearchIndexBuilder.PackedCounts.unpack) == full)
        // Each field in its own place: no two the same, none at its largest.
        let distinct = SearchIndexBuilder.FieldCounts(1, 2, 3, 62, 200, 0, 0, 0)
        #expect(SearchIndexBuilder.PackedCounts.pack(distinct).map(SearchIndexBuilder.PackedCounts.unpack) == distinct)
    }

    @Test func stopWordsAreFoundOnBytes() {
        for word in SearchTokenizer.stopWords { #expect(SearchTokenizer.isStopWord(Array(word.utf8)), "\(word)") }
        for word in ["", "x", "ant", "thee", "models", "wi", "ths"] { #expect(!SearchTokenizer.isStopWord(Array(word.utf8)), "\(word)") }
    }
}

extension SearchTests {
    @Test func anIndexFileHasAScriptTwinForReadingFromDisk() throws {
        let manifest = (path: SearchLayout.manifest, bytes: Self.files[SearchLayout.manifest]!)
        let twin = SearchLayout.script(manifest)
        #expect(twin.path == "search/manifest.js")
        let text = String(decoding: twin.bytes, as: UTF8.self)
        #expect(text.hasPrefix("PaperDigestSearch.shard(\"search/manifest.json\", {"))
        #expect(text.hasSuffix("});\n"))
        // The call's second argument is the file's JSON, unchanged.
        let json = text.dropFirst("PaperDigestSearch.shard(\"search/manifest.json\", ".count).dropLast(3)
        #expect(Array(json.utf8) + [0x0A] == manifest.bytes)
    }
}

extension SearchTests {
    /// Postings' numbers are written as JSON writes them: no leading zeros, zero itself "0".
    @Test func decimalsAreWrittenAsJSONWritesThem() {
        for n in [0, 1, 9, 10, 99, 100, 1_234_567_890, Int(UInt32.max), Int.max] {
            var bytes: [UInt8] = [UInt8(ascii: ",")]
            SearchIndexBuilder.appendDecimal(n, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "," + String(n))
        }
    }
}

extension SiteModel {
    /// The paper the search index numbers `number` (`SearchLayout.number`).
    func paper(numbered number: Int) -> Paper { papers[SearchLayout.number(number, dated: papers.prefix { $0.date != nil }.count)] }
}

extension SearchTests {
    /// A score's rounding without libm is `rounded()`: halves away from zero, either side of
    /// each half, negative values, the largest a conversion takes and past it, infinities.
    @Test func aScoreRoundsAsRoundedDoes() {
        var values: [Double] = [0, 0.25, 0.5, 1.5, 2.5, 2.4999999999999996, 0.49999999999999994, 123.5, 99.49, 1e15 + 0.5,
                                0x1p52 - 0.5, 0x1p52, 0x1p53 + 2, .infinity, .greatestFiniteMagnitude]
        values += values.map { -$0 }
        values += Array(stride(from: -1e6, through: 1e6, by: 199.37))
        values += (0..<10_000).map { n in Double(n) / 8 }  // (every eighth: halves and near them)
        for x in values {
            let rounded = SearchIndexBuilder.roundedHalfAway(x)
            #expect(rounded == x.rounded(), "\(x)")
        }
        #expect(SearchIndexBuilder.roundedHalfAway(.nan).isNaN)
    }
}

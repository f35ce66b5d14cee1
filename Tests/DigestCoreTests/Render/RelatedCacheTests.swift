import Foundation
import Testing
@testable import DigestCore

/// The related papers a build keeps in `.digest-cache/related.bin`: taken from there whole only
/// when every title and abstract, and their order, is as when they were made; else one paper's
/// list only when all it is made from is.
@Suite struct RelatedCacheTests {
    static let papers = SearchTests.sample.papers
    static var key: UInt64 { RelatedCache.key(textKeys: KeptWords.textKeys(papers)) }

    /// `lists` as the cache would hold them, with nothing known of what they were made from:
    /// each paper's vector is one term of a weight no vector has (not a number).
    static func planted(_ lists: [[Int]]) -> RelatedPapers.Made {
        let vectors = RelatedPapers.Vectors(ends: lists.indices.map { Int32($0 + 1) }, terms: lists.map { _ in 0 }, weights: lists.map { _ in .nan })
        return RelatedPapers.Made(lists: lists, count: 5, papers: papers.map { RelatedPapers.paperKey($0.id) },
                                  texts: Array(repeating: 0, count: lists.count), vectors: vectors, df: [0],
                                  bars: Array(repeating: 0, count: lists.count), ceilings: Array(repeating: 0, count: lists.count),
                                  postings: RelatedPapers.Postings(terms: [0], ends: [0], papers: [], weights: []))
    }

    /// The sample with a paper added last, titled `title`, its abstract's words new.
    static func withNewPaper(_ title: String) -> [Paper] {
        var new = papers[1]
        (new.id, new.facts.title, new.facts.abstract) = ("a-new-paper", title, "Tapirs dig burrows.")
        return papers + [new]
    }

    func folder() throws -> String {
        let folder = Fixtures.scratch("related")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func whatComesBackIsWhatWasMade() throws {
        let path = try folder() + "/related.bin"
        let made = RelatedCache.lists(Self.papers, path: path, useCached: true)
        #expect(made == RelatedPapers.compute(Self.papers))
        let kept = try #require(RelatedCache.read(path))
        #expect(kept.key == Self.key && kept.made == RelatedPapers.make(Self.papers))
    }

    /// Lists planted under the sample's key are used, as a build takes them; an edit to any
    /// title or abstract, a new order, `useCached: false` or a file cut short make them again.
    @Test func keptListsAreUsedOnlyForTheSameTexts() throws {
        let path = try folder() + "/related.bin"
        let planted = Self.papers.indices.map { [($0 + 1) % Self.papers.count] }
        RelatedCache.write(Self.planted(planted), key: Self.key, to: path)
        #expect(RelatedCache.lists(Self.papers, path: path, useCached: true) == planted)

        var tagged = Self.papers
        tagged[3].facts.tags.append("zz-new-tag")
        tagged[3].facts.venue = "Elsewhere"
        #expect(RelatedCache.lists(tagged, path: path, useCached: true) == planted)  // not what they are made from

        let made = RelatedPapers.compute(Self.papers)
        #expect(RelatedCache.lists(Self.papers, path: path, useCached: false) == made)
        RelatedCache.write(Self.planted(planted), key: Self.key, to: path)

        var retitled = Self.papers
        retitled[7].facts.title += " Revisited"
        #expect(RelatedCache.lists(retitled, path: path, useCached: true) == RelatedPapers.compute(retitled))
        RelatedCache.write(Self.planted(planted), key: Self.key, to: path)

        var reworded = Self.papers
        reworded[8].facts.abstract += " More."
        #expect(RelatedCache.lists(reworded, path: path, useCached: true) == RelatedPapers.compute(reworded))
        RelatedCache.write(Self.planted(planted), key: Self.key, to: path)

        let reordered = [Self.papers[1], Self.papers[0]] + Self.papers.dropFirst(2)
        #expect(RelatedCache.lists(reordered, path: path, useCached: true) == RelatedPapers.compute(reordered))

        RelatedCache.write(Self.planted(planted), key: Self.key, to: path)
        let bytes = try #require(FileManager.default.contents(atPath: path))
        try bytes.dropLast(3).write(to: URL(fileURLWithPath: path))
        #expect(RelatedCache.lists(Self.papers, path: path, useCached: true) == made)
    }

    /// Lists made before edits (`Fixtures.edited`: a title, an abstract, a paper gone, one new,
    /// two swapped), taken again where all they were made from is the same, are the lists
    /// scoring every paper gives.
    @Test func listsTakenAgainAfterEditsAreTheListsScoringAllGives() {
        let before = RelatedPapers.make(Self.papers)
        let (papers, _) = Fixtures.edited(Self.papers)
        let after = RelatedPapers.make(papers, reusing: before)
        let made = RelatedPapers.make(papers)
        #expect(after.lists == made.lists && after.bars == made.bars)
        #expect(after.vectors == made.vectors && after.postings == made.postings)
        #expect(zip(after.ceilings, made.ceilings).allSatisfy { $0 >= $1 })  // a bound, never under the best left out
        #expect(after.lists != before.lists)
    }

    /// Taken again, not scored: with every kept list reversed (its bar left as it is), the
    /// papers an edit to one abstract leaves alone come back reversed; the edited paper and the
    /// lists it enters or leaves do not.
    @Test func onlyThePapersAnEditCanChangeAreScoredAgain() {
        var before = RelatedPapers.make(Self.papers)
        before.lists = before.lists.map { $0.reversed() }
        var papers = Self.papers
        papers[8].facts.abstract += " " + papers[8].title  // more of its own words: only its vector changes
        let after = RelatedPapers.make(papers, reusing: before)
        let made = RelatedPapers.make(papers)
        let taken = papers.indices.filter { after.lists[$0] != made.lists[$0] }
        #expect(taken.allSatisfy { after.lists[$0] == made.lists[$0].reversed() })
        #expect(!taken.contains(8))
        #expect(taken.count > papers.count * 9 / 10, "\(taken.count) of \(papers.count)")
        #expect(after.vectors == made.vectors && after.postings == made.postings && after.bars == made.bars)

        // A title edit whose new word no other paper has leaves every paper's vector alone.
        papers = Self.papers
        papers[7].facts.title += " Zebrafied"
        #expect(RelatedPapers.make(papers, reusing: before).lists == before.lists)
        // Nor are lists taken again that were cut to another count.
        before.count = 4
        #expect(RelatedPapers.make(papers, reusing: before).lists == RelatedPapers.make(papers).lists)
    }

    /// A list is scored again when a changed paper may pass its bar, which is found from the
    /// changed paper's side, over the papers that hold its terms. With every bar kept at 0 and
    /// every list reversed, an abstract edit that moves only its own paper's vector has the
    /// lists of all the papers sharing a term with it scored again; the others are taken.
    @Test func aListIsScoredAgainWhenAChangedPaperMayPassItsBar() {
        var before = RelatedPapers.make(Self.papers)
        before.lists = before.lists.map { $0.reversed() }
        before.bars = before.bars.map { _ in 0 }
        var papers = Self.papers
        papers[8].facts.abstract += " " + papers[8].title  // more of its own words: only its vector changes
        let after = RelatedPapers.make(papers, reusing: before)
        let made = RelatedPapers.make(papers)
        let terms = Set(made.vectors.terms[made.vectors.range(8)])
        func meets(_ p: Int) -> Bool { made.vectors.terms[made.vectors.range(p)].contains(where: terms.contains) }
        let passed = papers.indices.filter { $0 != 8 && meets($0) && !made.lists[$0].contains(8) && made.lists[$0] != made.lists[$0].reversed() }
        #expect(passed.count > 10, "\(passed.count)")
        #expect(passed.allSatisfy { after.lists[$0] == made.lists[$0] })
        let apart = papers.indices.filter { !meets($0) }
        #expect(apart.count > 10, "\(apart.count)")
        #expect(apart.allSatisfy { after.lists[$0] == made.lists[$0].reversed() })
    }

    /// A paper added moves the count of papers, so every IDF and every weight a little: the
    /// lists that no score can have crossed are taken, and all are the lists scoring all gives,
    /// with their bars; a ceiling taken is a bound, never under the best paper left out.
    @Test func listsTakenAfterAPaperAddedAreTheListsScoringAllGives() {
        let before = RelatedPapers.make(Self.papers)
        for (title, abstract) in [("Tapir Burrows", "Tapirs dig burrows."), (Self.papers[3].title, Self.papers[3].abstract + " Again.")] {
            var added = Self.papers
            var new = Self.papers[1]
            (new.id, new.facts.title, new.facts.abstract) = ("a-new-paper", title, abstract)
            added.insert(new, at: 40)
            let after = RelatedPapers.make(added, reusing: before)
            let made = RelatedPapers.make(added)
            #expect(added.indices.filter { after.lists[$0] != made.lists[$0] || after.bars[$0] != made.bars[$0] } == [], "\(title)")
            #expect(zip(after.ceilings, made.ceilings).allSatisfy { $0 >= $1 })
        }
    }

    /// Taken, not scored: with every list cut by its last paper and every ceiling at 0 (no
    /// paper left out scored), a paper added has the lists it does not enter come back cut
    /// (their papers in the order their scores now give);
    /// those it enters are scored. (Its words are new but for a title's word that a few papers
    /// have: it moves few weights by much.)
    @Test func aPaperAddedLeavesTheListsItCannotEnter() throws {
        var before = RelatedPapers.make(Self.papers)
        before.lists = before.lists.map { Array($0.dropLast()) }
        before.ceilings = before.ceilings.map { _ in 0 }
        let counts = Self.papers.map { Set(RelatedPapers.generalTerms(TextNormalization.identityKey($0.title + " " + $0.abstract))) }
        let word = try #require(Self.papers.lazy.flatMap { $0.title.split(separator: " ").map(String.init) }.first { word in
            let term = RelatedPapers.generalTerms(TextNormalization.identityKey(word))
            return term.count == 1 && (3...6).contains(counts.filter { $0.contains(term[0]) }.count)
        })
        let added = Self.withNewPaper("Tapir " + word)
        let after = RelatedPapers.make(added, reusing: before)
        let made = RelatedPapers.make(added)
        let taken = Self.papers.indices.filter { after.lists[$0] == before.lists[$0] && before.lists[$0] != made.lists[$0] }
        #expect(taken.count > Self.papers.count / 2, "\(taken.count) of \(Self.papers.count)")
        #expect(Self.papers.indices.allSatisfy { after.lists[$0] == made.lists[$0] || after.lists[$0].sorted() == before.lists[$0].sorted() })
        let entered = Self.papers.indices.filter { made.lists[$0].contains(Self.papers.count) }
        #expect(!entered.isEmpty && entered.allSatisfy { after.lists[$0] == made.lists[$0] }, "\(entered)")
    }

    /// A kept list whose papers now rank otherwise among themselves is taken in their new
    /// order, not scored: with every list cut by its last paper, reversed, and every ceiling at
    /// 0, a paper added has the lists it cannot reach come back cut, in the order scoring gives.
    @Test func aListWhosePapersRankOtherwiseIsTakenInTheirOrder() {
        var before = RelatedPapers.make(Self.papers)
        before.lists = before.lists.map { Array($0.dropLast().reversed()) }
        before.ceilings = before.ceilings.map { _ in 0 }
        let added = Self.withNewPaper("Tapir Burrows")
        let after = RelatedPapers.make(added, reusing: before)
        let made = RelatedPapers.make(added)
        // (Those whose first four are still the four kept: a list taken has the papers kept.)
        let same = Self.papers.indices.filter { made.lists[$0].count == 5 && Set(made.lists[$0].prefix(4)) == Set(before.lists[$0]) }
        let taken = same.filter { after.lists[$0].count == 4 }
        #expect(same.count > Self.papers.count / 2 && taken.count > same.count / 2, "\(taken.count) of \(same.count)")
        #expect(taken.allSatisfy { after.lists[$0] == Array(made.lists[$0].prefix(4)) })
    }

    /// A list is scored again when a paper left out may beat its last: with each list's last
    /// paper swapped for the best one left out (the sixth), under the ceiling made with the
    /// list, a paper added has every such list scored again, as the bound of the one swapped
    /// out is above its last.
    @Test func aListIsScoredAgainWhenAPaperLeftOutMayBeatItsLast() {
        var before = RelatedPapers.make(Self.papers)
        let six = RelatedPapers.make(Self.papers, count: 6).lists
        let swapped = Self.papers.indices.filter { six[$0].count == 6 }
        #expect(swapped.count > Self.papers.count / 2)
        for p in swapped { before.lists[p] = Array(six[p].prefix(4)) + [six[p][5]] }
        // (No runners known: the fifth, left out, is not among them to be scored.)
        (before.runners, before.beyond) = ([], [])
        let added = Self.withNewPaper("Tapir Burrows")
        let after = RelatedPapers.make(added, reusing: before)
        let made = RelatedPapers.make(added)
        #expect(added.indices.filter { after.lists[$0] != made.lists[$0] } == [])
        #expect(swapped.allSatisfy { made.lists[$0] != before.lists[$0] })
    }

    /// A list whose last comes near its ceiling (each ceiling raised to its list's bar, a bound
    /// still) is made from its papers and runners, scored exactly, after a paper is added: the
    /// lists, bars and bounds scoring every paper gives.
    @Test func listsMadeFromTheirRunnersAreTheListsScoringAllGives() {
        var before = RelatedPapers.make(Self.papers)
        #expect(before.runners.count == Self.papers.count * RelatedPapers.runnersKept)
        before.ceilings = before.bars
        let added = Self.withNewPaper("Tapir Burrows")
        let after = RelatedPapers.make(added, reusing: before)
        let made = RelatedPapers.make(added)
        #expect(added.indices.filter { after.lists[$0] != made.lists[$0] || after.bars[$0] != made.bars[$0] } == [])
        #expect(zip(after.ceilings, made.ceilings).allSatisfy { $0 >= $1 })
        #expect(zip(after.beyond, made.beyond).allSatisfy { $0 >= $1 })
    }

    /// Made from its papers and runners, not scored: with each list's first paper left out of
    /// both (the sixth put in its list, the seventh among the runners) and its ceiling at its
    /// bar, a paper added has the lists it does not reach come back without their first paper,
    /// the sixth taken from the runners, as their exact scores rank them.
    @Test func aListNearItsCeilingIsMadeFromItsRunners() {
        var before = RelatedPapers.make(Self.papers)
        let k = RelatedPapers.runnersKept
        let planted = Self.papers.indices.filter { p in before.lists[p].count == 5 && !before.runners[(p * k)..<(p * k + k)].contains(-1) }
        #expect(planted.count > Self.papers.count / 2, "\(planted.count) of \(Self.papers.count)")
        var first: [Int: Int] = [:]
        for p in planted {
            let (list, runners) = (before.lists[p], before.runners[(p * k)..<(p * k + k)].map(Int.init))
            first[p] = list[0]
            before.lists[p] = Array(list.dropFirst()) + [runners[1]]
            before.runners.replaceSubrange((p * k)..<(p * k + k), with: [Int32(runners[0])] + runners.dropFirst(2).map(Int32.init) + [-1])
        }
        before.ceilings = before.bars
        let added = Self.withNewPaper("Tapir Burrows")
        let after = RelatedPapers.make(added, reusing: before)
        let made = RelatedPapers.make(added)
        let six = RelatedPapers.make(added, count: 6).lists
        let taken = planted.filter { p in after.lists[p] != made.lists[p] }
        #expect(taken.count > planted.count / 2, "\(taken.count) of \(planted.count)")
        #expect(taken.allSatisfy { p in !after.lists[p].contains(first[p]!) && after.lists[p] == six[p].filter { $0 != first[p]! }.prefix(5).map { $0 } })
    }

    /// A paper's vector is taken from the last `make` when its text and the counts of papers of
    /// its terms are as they were: with every kept weight halved, those papers' come back halved;
    /// the edited paper's, and those of the papers that share the term whose count it moved, are
    /// made. With another count of papers (every IDF moves), none is taken.
    @Test func vectorsAreTakenWhereTheTermsCountsStayed() throws {
        func terms(_ paper: Paper) -> Set<String> {
            Set(RelatedPapers.generalTerms(TextNormalization.identityKey(paper.title + " " + paper.abstract)))
        }
        func weights(_ made: RelatedPapers.Made, _ p: Int) -> [Float] { Array(made.vectors.weights[made.vectors.range(p)]) }
        var before = RelatedPapers.make(Self.papers)
        before.vectors.weights = before.vectors.weights.map { $0 / 2 }

        // A word of paper 3's title, in other papers too, that paper 8 has not: 8 gets it.
        let counts = Self.papers.map(terms)
        let word = try #require(Self.papers.lazy.flatMap { $0.title.split(separator: " ").map(String.init) }.first { word in
            let term = RelatedPapers.generalTerms(TextNormalization.identityKey(word))
            guard term.count == 1, !counts[8].contains(term[0]) else { return false }
            let df = counts.filter { $0.contains(term[0]) }.count
            return df >= 3 && df < Self.papers.count / 2
        })
        let term = RelatedPapers.generalTerms(TextNormalization.identityKey(word))[0]
        var papers = Self.papers
        papers[8].facts.abstract += " " + word
        let after = RelatedPapers.make(papers, reusing: before)
        let made = RelatedPapers.make(papers)
        for p in papers.indices {
            let fresh = p == 8 || counts[p].contains(term)
            #expect(weights(after, p) == weights(fresh ? made : before, p), "\(p)")
        }
        #expect(papers.indices.filter { !counts[$0].contains(term) && $0 != 8 }.count > papers.count / 2)

        let fewer = Array(papers.dropLast())
        #expect(RelatedPapers.make(fewer, reusing: before).vectors == RelatedPapers.make(fewer).vectors)
    }

    /// A build after a tag edit takes the related papers from the cache and is still the clean
    /// build's bytes.
    @Test func aTagEditRebuildsFromTheCacheAsACleanBuildWould() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let cache = RelatedCache.path(SitePaths(root: site))
        let kept = try #require(FileStamp(path: cache))

        let papers = site + "/content/papers/"
        let record = papers + "hyperattention-long-context-attention-in-near-linear-time.md"
        let text = try String(contentsOfFile: record, encoding: .utf8)
        try text.replacingOccurrences(of: "tags: [", with: "tags: [zz-edited, ").write(toFile: record, atomically: true, encoding: .utf8)
        let edited = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(edited.incremental && edited.rewritten > 0)
        #expect(FileStamp(path: cache) == kept)  // read, not made and written again
        try IncrementalBuildTests().expectSameAsCleanBuild(site)
    }

    /// Each paper's terms kept beside the lists (`RelatedCache.Terms`): papers edited, one
    /// gone, one new, the order changed (`Fixtures.edited`) — the lists made with the kept
    /// terms are the lists made without them.
    @Test func keptTermsGiveTheListsCountingGives() throws {
        let path = try folder() + "/related-terms.bin"
        let made = RelatedPapers.compute(Self.papers)
        #expect(RelatedPapers.compute(Self.papers, termCache: (path, false)) == made)  // keeping them changes nothing
        let terms = try #require(RelatedCache.Terms.read(path))
        #expect(Self.papers.allSatisfy { terms.kept.papers[KeptWords.textKey(of: $0)] != nil })

        let (papers, new) = Fixtures.edited(Self.papers)
        for (n, paper) in papers.enumerated() {
            #expect((terms.kept.papers[KeptWords.textKey(of: paper)] == nil) == ([7, 8].contains(n) || paper.id == new), "\(paper.id)")  // tags and venue are not in its key
        }
        #expect(RelatedPapers.compute(papers, termCache: (path, true)) == RelatedPapers.compute(papers))
        #expect(RelatedPapers.compute(papers, termCache: (path, true)) == RelatedPapers.compute(papers))  // (the three counted again)
    }

    /// A run of papers all as the kept terms have them reads their terms and weighted counts
    /// where the kept file is mapped (`ChunkEntries`); one paper counted anew among them makes
    /// the chunk's own copy, with the same entries for the others.
    @Test func aChunkOfKeptPapersReadsTheKeptFile() throws {
        let path = try folder() + "/related-terms.bin"
        _ = RelatedPapers.compute(Self.papers, termCache: (path, false))
        let terms = try #require(RelatedCache.Terms.read(path))
        // The papers in the kept file's order, where they are one run.
        let papers = Self.papers.sorted { terms.kept.papers[KeptWords.textKey(of: $0)]! < terms.kept.papers[KeptWords.textKey(of: $1)]! }
        let fileStarts = (terms.kept.terms.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) },
                          terms.tfs.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) })
        func starts(_ chunk: RelatedPapers.ChunkTerms) -> (UnsafeRawPointer, UnsafeRawPointer) {
            (chunk.terms.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }, chunk.tfs.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) })
        }

        let taken = RelatedPapers.ChunkTerms(papers[...], cached: terms, keys: KeptWords.textKeys(papers))
        #expect(taken.origins.counted.isEmpty && taken.terms.count == terms.kept.terms.count)
        #expect(starts(taken) == fileStarts)

        var retitled = papers
        retitled[1].facts.title += " Revisited"
        let mixed = RelatedPapers.ChunkTerms(retitled[...], cached: terms, keys: KeptWords.textKeys(retitled))
        #expect(mixed.origins.counted == [1] && starts(mixed).0 != fileStarts.0 && starts(mixed).1 != fileStarts.1)
        for p in [0, 2, papers.count - 1] {
            #expect(Array(mixed.terms[mixed.papers.range(of: p)]) == Array(taken.terms[taken.papers.range(of: p)]))
            #expect(Array(mixed.tfs[mixed.papers.range(of: p)]) == Array(taken.tfs[taken.papers.range(of: p)]))
        }
    }

    /// A build that counts one paper in 64 or fewer anew leaves the kept terms as they were:
    /// the next build counts those again, and the lists are the ones counting all gives. With
    /// more counted anew, the terms are kept again, theirs with them.
    @Test func aFewPapersCountedAnewLeaveTheKeptTermsAsTheyWere() throws {
        let path = try folder() + "/related-terms.bin"
        _ = RelatedPapers.compute(Self.papers, termCache: (path, false))
        let kept = try #require(FileManager.default.contents(atPath: path))
        var papers = Self.papers
        papers[7].facts.title += " Revisited"
        #expect(RelatedPapers.compute(papers, termCache: (path, true)) == RelatedPapers.compute(papers))
        #expect(FileManager.default.contents(atPath: path) == kept)

        for p in 0..<8 { papers[p].facts.abstract += " Zebras." }  // 8 × 64 > 505
        #expect(RelatedPapers.compute(papers, termCache: (path, true)) == RelatedPapers.compute(papers))
        let terms = try #require(RelatedCache.Terms.read(path))
        #expect(papers.allSatisfy { terms.kept.papers[KeptWords.textKey(of: $0)] != nil })
    }

    /// Terms of papers gone stay in the kept terms (a build finds each kept term by its id
    /// there) until they are a tenth of them; then they are left out, and the kept terms are
    /// the ones counting the papers left gives. The lists are those made without them.
    @Test func termsNoPaperHasAreLeftOutOnceATenth() throws {
        let path = try folder() + "/related-terms.bin"
        let fresh = path + ".fresh"
        func keptTerms(_ path: String) throws -> Int { try #require(RelatedCache.Terms.read(path)).kept.table.count }
        _ = RelatedPapers.compute(Self.papers, termCache: (path, false))
        let all = try keptTerms(path)

        let oneGone = Array(Self.papers.dropFirst())
        #expect(RelatedPapers.compute(oneGone, termCache: (path, true)) == RelatedPapers.compute(oneGone))
        _ = RelatedPapers.compute(oneGone, termCache: (fresh, false))
        #expect(try keptTerms(fresh) < all)
        #expect(try keptTerms(path) == all)  // a few: kept

        let halfGone = Array(Self.papers.prefix(Self.papers.count / 2))
        #expect(RelatedPapers.compute(halfGone, termCache: (path, true)) == RelatedPapers.compute(halfGone))
        _ = RelatedPapers.compute(halfGone, termCache: (fresh, false))
        let half = try keptTerms(fresh)
        #expect((all - half) * 10 > all)
        #expect(try keptTerms(path) == half)
        // And the terms left are read as the next build's.
        #expect(RelatedPapers.compute(halfGone, termCache: (path, true)) == RelatedPapers.compute(halfGone))
    }

    /// Terms planted under the sample's keys (each paper's are another paper's) are what the
    /// lists are made from when they are used, and ignored when they are not; a file cut short
    /// is not read.
    @Test func plantedTermsAreTakenFromTheCache() throws {
        let path = try folder() + "/related-terms.bin"
        let chunk = RelatedPapers.ChunkTerms(Self.papers.reversed()[...])
        var table = TermTable()
        let global = table.merge(chunk.table)
        let terms = chunk.terms.map { Int32(global[Int($0)]) }
        var df = [Int32](repeating: 0, count: table.count)
        for id in terms { df[Int(id)] += 1 }
        CacheFile.write(path, version: RelatedCache.Terms.version) { (writer: inout CacheWriter) in
            try KeptWords.write(words: table.words, runs: [(Self.papers.map(KeptWords.textKey(of:)), chunk.papers, chunk.terms.count)],
                                terms: [terms], df: df, to: &writer)
            try writer.raw(chunk.tfs.map(\.bitPattern))
        }
        let made = RelatedPapers.compute(Self.papers)
        #expect(RelatedPapers.compute(Self.papers, termCache: (path, true)) != made)
        #expect(RelatedPapers.compute(Self.papers, termCache: (path, false)) == made)

        let bytes = try #require(FileManager.default.contents(atPath: path))
        try bytes.dropLast(3).write(to: URL(fileURLWithPath: path))
        #expect(RelatedCache.Terms.read(path) == nil)
        #expect(RelatedPapers.compute(Self.papers, termCache: (path, true)) == made)
    }
}

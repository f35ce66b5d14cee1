import Foundation
import Testing
@testable import DigestCore

/// A rebuild's index takes the term buckets the site has as they would be made, and makes the
/// rest: together they are the index a build from nothing makes.
@Suite struct TermBucketReuseTests {
    func path() throws -> String {
        let folder = Fixtures.scratch("term-buckets")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/search-terms.bin"
    }

    /// The files a build from nothing makes, by path.
    func full(_ papers: [Paper]) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: SearchIndexBuilder.files(papers).map { ($0.path, $0.bytes) })
    }

    /// Each file taken as the site has it (`before`), each made as a build from nothing makes
    /// it (`expected`), and no file more or less: that build's index.
    func expectTheIndexFromNothing(_ files: [(path: String, bytes: [UInt8]?)], before: [String: [UInt8]], expected: [String: [UInt8]],
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(files.map(\.path) == expected.keys.sorted(), sourceLocation: sourceLocation)
        for file in files {
            let same = (file.bytes ?? before[file.path]) == expected[file.path]
            #expect(same, "\(file.path)", sourceLocation: sourceLocation)
        }
    }

    /// The index built from nothing with its words kept at a new `path()`: the path, its mark
    /// and its files, by path, as a site has them.
    func built(_ papers: [Paper]) throws -> (path: String, mark: UInt64, files: [String: [UInt8]]) {
        let path = try path()
        let first = SearchIndexBuilder.index(papers, termCache: (path, false))
        return (path, first.mark, Dictionary(uniqueKeysWithValues: first.files.map { ($0.path, $0.bytes!) }))
    }

    /// The search index's number of the paper at `place` in the site's order (`SearchLayout.number`).
    func number(ofPaper place: Int, in papers: [Paper]) -> Int { SearchLayout.number(place, dated: papers.prefix { $0.date != nil }.count) }

    /// Paper 8's abstract with one of its words again: its counts change, not which words the
    /// site has, so no count of papers moves.
    func edited(_ papers: [Paper]) -> [Paper] {
        var papers = papers
        let word = papers[8].abstract.split(separator: " ").first { $0.count > 6 && $0.allSatisfy(\.isLetter) }!
        papers[8].facts.abstract += " " + word
        return papers
    }

    @Test func anEditMakesOnlyTheBucketsOfTheWordsItChanged() throws {
        let path = try path()
        let papers = SearchTests.sample.papers
        let first = SearchIndexBuilder.index(papers, termCache: (path, false))
        #expect(first.files.allSatisfy { $0.bytes != nil })  // nothing to take from
        let before = Dictionary(uniqueKeysWithValues: first.files.map { ($0.path, $0.bytes!) })

        let edited = edited(papers)
        let again = SearchIndexBuilder.index(edited, termCache: (path, true), site: first.mark)
        let taken = again.files.filter { $0.bytes == nil }.map(\.path)
        let terms = again.files.filter { $0.path.hasPrefix("search/t/") }
        let takenTerms = taken.filter { $0.hasPrefix("search/t/") }
        #expect(!takenTerms.isEmpty && takenTerms.count < terms.count)
        // The display files but the edited paper's.
        let display = again.files.filter { $0.path.hasPrefix("search/d/") }.map(\.path)
        #expect(Set(taken.filter { $0.hasPrefix("search/d/") }) == Set(display).subtracting([SearchLayout.displayFile(number(ofPaper: 8, in: papers) / SearchLayout.block)]))
        // The filters and facets (no paper's tags, year, venue or authors moved) taken whole.
        let filters = again.files.map(\.path).filter { $0.hasPrefix("search/f/") } + [SearchLayout.facets]
        #expect(filters.count > 1 && filters.allSatisfy(taken.contains))
        // The vocabulary files: no word came or went (a word the paper had, once more), so
        // every one is taken.
        let vocabulary = again.files.map(\.path).filter { $0.hasPrefix("search/p/") || $0.hasPrefix("search/s/") }
        #expect(!vocabulary.isEmpty && vocabulary.allSatisfy(taken.contains))
        #expect(taken.allSatisfy { $0.hasPrefix("search/t/") || $0.hasPrefix("search/d/") || filters.contains($0) || vocabulary.contains($0) })
        let expected = full(edited)
        expectTheIndexFromNothing(again.files, before: before, expected: expected)
        #expect(again.mark != first.mark)
    }

    /// With the site's files at hand, the other words of the buckets an edit makes come from
    /// them, and the edited paper's words it had before too are their lists there with its
    /// scores anew (`TermListPatch`): the index a build from nothing makes.
    @Test func anEditTakesTheOtherWordsOfItsBucketsFromTheSitesFiles() throws {
        let papers = SearchTests.sample.papers
        let (path, mark, before) = try built(papers)
        let edited = edited(papers)
        var read: Set<String> = []
        let again = SearchIndexBuilder.index(edited, termCache: (path, true), site: mark) { path in
            read.insert(path)
            return before[path]
        }
        let made = Set(again.files.filter { $0.bytes != nil && $0.path.hasPrefix("search/t/") }.map(\.path))
        #expect(!read.isEmpty && read == made)  // each bucket made, and no other, read
        expectTheIndexFromNothing(again.files, before: before, expected: full(edited))
    }

    /// A site's bucket file that is not one (changed by hand): its words are made.
    @Test func aBucketFileOfOtherBytesHasItsWordsMade() throws {
        let papers = SearchTests.sample.papers
        let (path, mark, before) = try built(papers)
        let edited = edited(papers)
        let again = SearchIndexBuilder.index(edited, termCache: (path, true), site: mark) { _ in Array("<html>".utf8) }
        expectTheIndexFromNothing(again.files, before: before, expected: full(edited))
    }

    /// The sample with one paper more: an ordinary paper's words and lengths, undated, from a
    /// listing after every other (so the last in the site's order: undated papers go by their
    /// listings' order).
    func withOneMore(_ papers: [Paper]) -> [Paper] {
        var more = papers[papers.count / 2]
        (more.id, more.facts.date, more.facts.sources) = ("zzzz-one-more", nil, [SourceRef(listing: "zzzz-posters.txt", line: 1)])
        return SiteModel(config: SiteConfig(), papers: papers + [more], listings: [:]).papers
    }

    /// A paper that takes the next number — an undated one here, as a poster session's are;
    /// the newest dated one does too — leaves the others' numbers, with the IDFs (made from
    /// the count of papers rounded): the index takes every display file but the new paper's and
    /// the term buckets of words it does not have; together, the index a build from nothing
    /// makes. (Numbered newest first, every number moved, and every file was made again.)
    @Test func aNewPaperLeavesTheOthersNumbersAndMostBuckets() throws {
        let path = try path()
        let papers = SearchTests.sample.papers
        let first = SearchIndexBuilder.index(papers, termCache: (path, false))
        let before = Dictionary(uniqueKeysWithValues: first.files.map { ($0.path, $0.bytes!) })
        let added = withOneMore(papers)
        #expect(added.last?.id == "zzzz-one-more" && added.count == papers.count + 1)

        let again = SearchIndexBuilder.index(added, termCache: (path, true), site: first.mark) { before[$0] }
        let made = again.files.filter { $0.bytes != nil }.map(\.path)
        #expect(made.filter { $0.hasPrefix("search/d/") } == [SearchLayout.displayFile(papers.count / SearchLayout.block)])
        let terms = again.files.filter { $0.path.hasPrefix("search/t/") }
        let takenTerms = terms.filter { $0.bytes == nil }
        #expect(takenTerms.count * 2 > terms.count, "\(takenTerms.count) of \(terms.count) term buckets taken")
        let expected = full(added)
        expectTheIndexFromNothing(again.files, before: before, expected: expected)
    }

    /// 250 papers that all have one word, each with words of its own, newest first.
    static func commonWordPapers(_ count: Int = 250) -> [Paper] {
        (0..<count).map { i in
            var paper = Paper(id: "paper-\(1000 + i)", title: "Zebrafish study \(i) of word\(i)x")
            paper.facts.abstract = "We count zebrafish in tank\(i)y and pond\(i % 7)z."
            paper.facts.date = "2024-\(String(format: "%02d", 12 - i / 28))-\(String(format: "%02d", 28 - i % 28))"
            return paper
        }.sorted(by: Paper.newestFirst)
    }

    /// The file of the term bucket that has `word`'s list, and that list's bytes.
    func list(of word: String, in files: [String: [UInt8]]) -> (path: String, list: String)? {
        for (path, bytes) in files where path.hasPrefix("search/t/") {
            let text = String(decoding: bytes, as: UTF8.self)
            if let start = text.range(of: "\"\(word)\":[") {
                return (path, String(text[start.upperBound...].prefix { $0 != "]" }))
            }
        }
        return nil
    }

    /// A paper that comes to a word 250 papers have, or leaves it, leaves the count its IDF is
    /// made from as it was (`dfForIDF`): the word's list is the site's, patched with that
    /// paper's posting, not made from every paper's — as a site's list changed by hand shows —
    /// and with the site's own lists, the index is the one a build from nothing makes. One
    /// more paper past a step of the rounding (254 → 255: 250 → 260) makes the list again.
    @Test func aWordWhoseIDFStaysIsPatchedWithThePapersThatCameOrLeft() throws {
        let papers = Self.commonWordPapers()
        var newer = papers[0]
        (newer.id, newer.facts.date) = ("paper-newest", "2025-01-01")
        var leaving = papers
        leaving[40].facts.title = leaving[40].title.replacingOccurrences(of: "Zebrafish s", with: "S")
        leaving[40].facts.abstract = leaving[40].abstract.replacingOccurrences(of: "zebrafish ", with: "")
        for changed in [[newer] + papers, leaving] {
            #expect(SearchIndexBuilder.dfForIDF(251) == SearchIndexBuilder.dfForIDF(250) && SearchIndexBuilder.dfForIDF(249) == 250)
            let (path, mark, before) = try built(papers)
            let (bucket, list) = try #require(self.list(of: "zebrafish", in: before))
            // Another paper's score in the site's list, one more: a list made anew has the score
            // the paper has, a list patched keeps it.
            let numbers = list.split(separator: ",").map { Int($0)! }
            let score = numbers.count - 1
            var tampered = numbers
            tampered[score] += 1
            var site = before
            site[bucket] = Array(String(decoding: before[bucket]!, as: UTF8.self)
                .replacingOccurrences(of: "\"zebrafish\":[\(list)]", with: "\"zebrafish\":[\(tampered.map(String.init).joined(separator: ","))]").utf8)
            let again = SearchIndexBuilder.index(changed, termCache: (path, true), site: mark) { site[$0] }
            let made = Dictionary(uniqueKeysWithValues: again.files.compactMap { file in file.bytes.map { (file.path, $0) } })
            let patched = try #require(self.list(of: "zebrafish", in: made)).list.split(separator: ",").map { Int($0)! }
            // (Pairs of a paper's number and its score.)
            let scores = Dictionary(uniqueKeysWithValues: stride(from: 0, to: patched.count, by: 2).map { (patched[$0], patched[$0 + 1]) })
            #expect(scores[numbers[score - 1]] == tampered[score] && patched != numbers)
            // With the site's own bytes: the index a build from nothing makes.
            let (path2, mark2, before2) = try built(papers)
            let right = SearchIndexBuilder.index(changed, termCache: (path2, true), site: mark2) { before2[$0] }
            expectTheIndexFromNothing(right.files, before: before2, expected: full(changed))
        }
        // Past a step: 254 papers have the word, then 255.
        let more = Self.commonWordPapers(254)
        var next = more[0]
        (next.id, next.facts.date) = ("paper-newest", "2025-01-01")
        #expect(SearchIndexBuilder.dfForIDF(255) != SearchIndexBuilder.dfForIDF(254))
        let (path, mark, before) = try built(more)
        let (bucket, list) = try #require(self.list(of: "zebrafish", in: before))
        var site = before
        site[bucket] = Array(String(decoding: before[bucket]!, as: UTF8.self).replacingOccurrences(of: "\"zebrafish\":[\(list)]", with: "\"zebrafish\":[\(list)1]").utf8)
        let again = SearchIndexBuilder.index([next] + more, termCache: (path, true), site: mark) { site[$0] }
        expectTheIndexFromNothing(again.files, before: site, expected: full([next] + more))
    }

    /// The newest dated paper takes the number after every dated one's: each dated paper keeps
    /// its number, each undated one moves up one.
    @Test func theNewestDatedPaperTakesTheNextDatedNumber() throws {
        let papers = SearchTests.sample.papers
        var newest = papers[0]
        (newest.id, newest.facts.date) = ("newest-dated", "2099-01-01")
        let added = SiteModel(config: SiteConfig(), papers: papers + [newest], listings: [:]).papers
        #expect(added.first?.id == newest.id)
        func numbers(_ papers: [Paper]) throws -> [String: Int] {
            var numbers: [String: Int] = [:]
            for (path, bytes) in SearchIndexBuilder.files(papers) where path.hasPrefix("search/d/") {
                let block = Int(path.dropFirst("search/d/".count).dropLast(".json".count))!
                for (k, entry) in (try JSONSerialization.jsonObject(with: Data(bytes)) as! [[Any]]).enumerated() {
                    numbers[entry[0] as! String] = block * SearchLayout.block + k
                }
            }
            return numbers
        }
        let (then, now) = (try numbers(papers), try numbers(added))
        let dated = papers.filter { $0.date != nil }
        #expect(!dated.isEmpty && dated.count < papers.count)
        #expect(now["papers/newest-dated/"] == dated.count)
        for paper in papers {
            let path = "papers/\(paper.id)/"
            #expect(now[path] == then[path]! + (paper.date == nil ? 1 : 0), "\(path)")
        }
    }

    /// The count the IDFs are made from: two significant digits, rounded half up; exact below 100.
    @Test func theCountForIDFsIsRoundedToTwoDigits() {
        #expect([1, 99, 100, 104, 105, 505, 9_949, 9_950, 100_149, 100_150, 149_999].map(SearchIndexBuilder.countForIDF)
                == [1, 99, 100, 100, 110, 510, 9_900, 10_000, 100_000, 100_000, 150_000])
        #expect(SearchIndexBuilder.countForIDF(0) == 1)
    }

    /// A word a paper no longer has, and one it has now: the buckets of both are made again.
    /// (Two made-up words, each in two papers at first; then the first paper's first word is
    /// the second: no count of papers, length or count of buckets moves. Words are tried until
    /// neither shares its bucket with another of the paper's words, which would make it anyway.)
    @Test func theBucketsOfWordsGoneAndComeAreMade() throws {
        let path = try path()
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let words = (0..<40).map { (n: Int) -> String in "zqx" + String(letters[n % 26]) + String(letters[n / 26]) + "word" }
        for k in stride(from: 0, to: words.count, by: 2) {
            let (gone, come) = (words[k], words[k + 1])
            var papers = SearchTests.sample.papers
            for (n, word) in [(8, gone), (9, gone), (10, come), (11, come)] { papers[n].facts.abstract += " " + word }
            var edited = papers
            edited[8].facts.abstract = String(edited[8].abstract.dropLast(gone.count)) + come
            let first = SearchIndexBuilder.index(papers, termCache: (path, false))
            let before = Dictionary(uniqueKeysWithValues: first.files.map { ($0.path, $0.bytes!) })
            let expected = full(edited)
            guard let goneBucket = try bucket(of: gone, alone: 8, in: before), let comeBucket = try bucket(of: come, alone: 8, in: expected),
                  goneBucket != comeBucket else { continue }

            let again = SearchIndexBuilder.index(edited, termCache: (path, true), site: first.mark) { before[$0] }
            let taken = Set(again.files.filter { $0.bytes == nil }.map(\.path))
            #expect(!taken.isEmpty && !taken.contains(goneBucket) && !taken.contains(comeBucket))
            expectTheIndexFromNothing(again.files, before: before, expected: expected)
            return
        }
        Issue.record("no two words found in buckets of their own")
    }

    /// A paper edited twice, its words kept only the first time: the words file is left as
    /// the first build wrote it, and the index file has the buckets of the edited paper's
    /// words (`SearchTermCache.Index.recent`), so that the second edit, which takes a word
    /// out that the first put in, makes that word's bucket again. (Made-up words, tried
    /// until each is in a bucket where no other word has the paper.)
    @Test func aWordOfAPaperCountedSinceTheWordsWereKeptIsKnownByItsBucket() throws {
        let path = try path()
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let words = (0..<40).map { (n: Int) -> String in "zqy" + String(letters[n % 26]) + String(letters[n / 26]) + "word" }
        func inode() -> UInt64? { (try? FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber]) as? UInt64 }
        for k in stride(from: 0, to: words.count, by: 2) {
            let (gone, come) = (words[k], words[k + 1])
            var papers = SearchTests.sample.papers
            for (n, word) in [(9, gone), (10, come), (11, come)] { papers[n].facts.abstract += " " + word }
            var (first, second) = (papers, papers)
            first[8].facts.abstract += " " + gone
            second[8].facts.abstract += " " + come
            let start = SearchIndexBuilder.index(papers, termCache: (path, false))
            var before = Dictionary(uniqueKeysWithValues: start.files.map { ($0.path, $0.bytes!) })
            let words = inode()
            let once = SearchIndexBuilder.index(first, termCache: (path, true), site: start.mark)
            expectTheIndexFromNothing(once.files, before: before, expected: full(first))
            #expect(inode() == words)  // the words file as it was
            let key = SearchTermCache.key(first[8], text: KeptWords.textKey(of: first[8]))
            #expect(SearchTermCache.readIndex(path).map { Array($0.recent.keys) } == [key])
            for file in once.files { if let bytes = file.bytes { before[file.path] = bytes } }
            guard let goneBucket = try bucket(of: gone, alone: number(ofPaper: 8, in: first), in: before) else { continue }

            let twice = SearchIndexBuilder.index(second, termCache: (path, true), site: once.mark) { before[$0] }
            let taken = Set(twice.files.filter { $0.bytes == nil }.map(\.path))
            #expect(!taken.isEmpty && !taken.contains(goneBucket))
            expectTheIndexFromNothing(twice.files, before: before, expected: full(second))
            return
        }
        Issue.record("no word found in a bucket of its own")
    }

    /// Two undated papers come in two builds, the second from a listing named before the
    /// first's, so that it takes the first's number and moves it on. The first was counted
    /// anew since the words were kept (the index file has its buckets alone), and this build
    /// has it with the same key: its words then are its words now, so every word's count of
    /// papers is known and the vocabulary files of the words neither paper has are taken;
    /// together, the index a build from nothing makes.
    @Test func aPaperCountedSinceTheWordsWereKeptThatMovesHasTheWordsItHasNow() throws {
        let path = try path()
        let papers = SearchTests.sample.papers
        func more(_ place: Int, id: String, listing: String) -> Paper {
            var paper = papers[place]
            (paper.id, paper.facts.date, paper.facts.sources) = (id, nil, [SourceRef(listing: listing, line: 1)])
            // (A few words of its own: few buckets. A whole abstract's words are in most of
            // the sample's buckets, and past half of them marked, all are made.)
            paper.facts.abstract = "A short note on " + id.filter(\.isLetter) + "."
            return paper
        }
        let (first, second) = (more(papers.count / 2, id: "zzzz-first", listing: "zzzz-b-posters.txt"),
                               more(papers.count / 3, id: "zzzz-second", listing: "zzzz-a-posters.txt"))
        let start = SearchIndexBuilder.index(papers, termCache: (path, false))
        var before = Dictionary(uniqueKeysWithValues: start.files.map { ($0.path, $0.bytes!) })
        let once = SiteModel(config: SiteConfig(), papers: papers + [first], listings: [:]).papers
        let added = SearchIndexBuilder.index(once, termCache: (path, true), site: start.mark) { before[$0] }
        expectTheIndexFromNothing(added.files, before: before, expected: full(once))
        #expect(SearchTermCache.readIndex(path).map { Array($0.recent.keys) } == [SearchTermCache.key(first, text: KeptWords.textKey(of: first))])
        for file in added.files { if let bytes = file.bytes { before[file.path] = bytes } }

        let twice = SiteModel(config: SiteConfig(), papers: papers + [first, second], listings: [:]).papers
        #expect(twice.suffix(2).map(\.id) == ["zzzz-second", "zzzz-first"])  // the first moved on
        let again = SearchIndexBuilder.index(twice, termCache: (path, true), site: added.mark) { before[$0] }
        let vocabulary = again.files.filter { $0.path.hasPrefix("search/p/") || $0.path.hasPrefix("search/s/") }
        let takenVocabulary = vocabulary.filter { $0.bytes == nil }
        #expect(!takenVocabulary.isEmpty && takenVocabulary.count < vocabulary.count, "\(takenVocabulary.count) of \(vocabulary.count) vocabulary files taken")
        expectTheIndexFromNothing(again.files, before: before, expected: full(twice))
    }

    /// More papers counted anew than `CacheFile.recentLimit`: the words file is written
    /// again, with them, and the index file has none apart.
    @Test func manyPapersCountedAnewWriteTheWordsAgain() throws {
        let path = try path()
        let papers = SearchTests.sample.papers
        let limit = CacheFile.recentLimit(papers: papers.count)
        #expect(papers.count > limit)
        let start = SearchIndexBuilder.index(papers, termCache: (path, false))
        var edited = papers
        for n in 0...limit { edited[n].facts.abstract += " again" }
        let before = Dictionary(uniqueKeysWithValues: start.files.map { ($0.path, $0.bytes!) })
        let again = SearchIndexBuilder.index(edited, termCache: (path, true), site: start.mark)
        expectTheIndexFromNothing(again.files, before: before, expected: full(edited))
        let words = try #require(SearchTermCache.read(path))
        #expect(edited.allSatisfy { words.kept.papers[SearchTermCache.key($0, text: KeptWords.textKey(of: $0))] != nil })
        #expect(SearchTermCache.readIndex(path)?.recent.isEmpty == true)
    }

    /// The file of the bucket `word` is in, when no other word there has paper `paper`.
    func bucket(of word: String, alone paper: Int, in index: [String: [UInt8]]) throws -> String? {
        let manifest = try JSONSerialization.jsonObject(with: Data(index[SearchLayout.manifest]!)) as! [String: Int]
        let file = SearchLayout.termFile(SearchLayout.bucket(word, of: manifest["termBuckets"]!))
        let entries = try JSONSerialization.jsonObject(with: Data(index[file]!)) as! [String: [Int]]
        #expect(entries[word] != nil, "\(word) is a word of the index")
        let others = entries.filter { entry in entry.key != word && stride(from: 0, to: entry.value.count, by: 2).contains { entry.value[$0] == paper } }
        return others.isEmpty ? file : nil
    }

    /// A paper's date, not its words: every term bucket is taken, its display file is made,
    /// and the filters and facets (its year) are made.
    @Test func aNewDateMakesItsDisplayFileAndNoTermBucket() throws {
        let path = try path()
        let papers = SearchTests.sample.papers
        let first = SearchIndexBuilder.index(papers, termCache: (path, false))
        let before = Dictionary(uniqueKeysWithValues: first.files.map { ($0.path, $0.bytes!) })
        var edited = papers
        edited[8].facts.date = "1999-12-31"
        let again = SearchIndexBuilder.index(edited, termCache: (path, true), site: first.mark)
        let made = again.files.filter { $0.bytes != nil }.map(\.path)
        #expect(!made.contains { $0.hasPrefix("search/t/") })
        #expect(made.filter { $0.hasPrefix("search/d/") } == [SearchLayout.displayFile(number(ofPaper: 8, in: papers) / SearchLayout.block)])
        #expect(made.contains(SearchLayout.facets) && made.contains { $0.hasPrefix("search/f/") })
        #expect(!again.files.contains { $0.bytes == nil && $0.path.hasPrefix("search/f/") })
        let expected = full(edited)
        #expect(before[SearchLayout.facets] != expected[SearchLayout.facets])  // a year more
        expectTheIndexFromNothing(again.files, before: before, expected: expected)
    }

    /// A paper without authors shows its organisation in its display entry: a new one makes its
    /// display file, and the index is what a whole one would be.
    @Test func aNewOrganisationMakesItsDisplayFile() throws {
        let path = try path()
        var papers = SearchTests.sample.papers
        (papers[8].facts.authors, papers[8].facts.organization) = ([], "A Lab")
        let first = SearchIndexBuilder.index(papers, termCache: (path, false))
        let before = Dictionary(uniqueKeysWithValues: first.files.map { ($0.path, $0.bytes!) })
        var edited = papers
        edited[8].facts.organization = "B Lab"
        let again = SearchIndexBuilder.index(edited, termCache: (path, true), site: first.mark)
        let display = SearchLayout.displayFile(number(ofPaper: 8, in: papers) / SearchLayout.block)
        #expect(again.files.contains { $0.path == display && $0.bytes != nil })
        let expected = full(edited)
        #expect(before[display] != expected[display])
        expectTheIndexFromNothing(again.files, before: before, expected: expected)
    }

    /// Taken only from an index made from the words kept: with another mark (the site from
    /// another build), every bucket is made.
    @Test func nothingIsTakenFromAnotherIndex() throws {
        let path = try path()
        let papers = SearchTests.sample.papers
        let first = SearchIndexBuilder.index(papers, termCache: (path, false))
        _ = SearchIndexBuilder.index(papers, termCache: (path, true))  // the same words kept again
        let other = SearchIndexBuilder.index(edited(papers), termCache: (path, true), site: first.mark &+ 1)
        #expect(other.files.allSatisfy { $0.bytes != nil })
    }

    /// A paper gone — the last in the site's order, an undated one, the highest number — leaves
    /// the others' numbers: its display file and its words' buckets are made, the rest taken;
    /// together, the index a build from nothing makes.
    @Test func aPaperGoneLeavesTheOthersNumbers() throws {
        let path = try path()
        let papers = withOneMore(SearchTests.sample.papers)
        let first = SearchIndexBuilder.index(papers, termCache: (path, false))
        let before = Dictionary(uniqueKeysWithValues: first.files.map { ($0.path, $0.bytes!) })
        let fewer = Array(papers.dropLast())
        let shorter = SearchIndexBuilder.index(fewer, termCache: (path, true), site: first.mark) { before[$0] }
        let displays = shorter.files.filter { $0.path.hasPrefix("search/d/") }
        #expect(displays.filter { $0.bytes != nil }.map(\.path) == (papers.count % 2 == 0 ? [SearchLayout.displayFile(fewer.count / SearchLayout.block)] : []))
        #expect(shorter.files.contains { $0.bytes == nil && $0.path.hasPrefix("search/t/") })
        let expected = full(fewer)
        expectTheIndexFromNothing(shorter.files, before: before, expected: expected)
    }

    /// The same papers in the same places: the same mark, and every term bucket, display file,
    /// vocabulary file, filter file and the facets taken.
    @Test func anUnchangedIndexTakesEveryTermBucketDisplayVocabularyAndFilterFile() throws {
        let path = try path()
        let papers = SearchTests.sample.papers
        let first = SearchIndexBuilder.index(papers, termCache: (path, false))
        let again = SearchIndexBuilder.index(papers, termCache: (path, true), site: first.mark)
        #expect(again.mark == first.mark)
        let taken = first.files.map(\.path).filter { ["search/t/", "search/d/", "search/f/", "search/p/", "search/s/"].contains(String($0.prefix(9))) || $0 == SearchLayout.facets }
        #expect(again.files.filter { $0.bytes == nil }.map(\.path) == taken)
    }

    /// A paper's authors or tags (not its words' counts alone: a new author's name is words
    /// too): the filter files and facets are made, and are what a build from nothing makes.
    @Test func newTagsOrAuthorsMakeTheFilters() throws {
        let path = try path()
        let papers = SearchTests.sample.papers
        for change in [{ (p: inout Paper) in p.facts.tags.append("zz-new-tag") }, { (p: inout Paper) in p.facts.authors[0] = "Zed Newcomer" }] {
            let first = SearchIndexBuilder.index(papers, termCache: (path, false))
            let before = Dictionary(uniqueKeysWithValues: first.files.map { ($0.path, $0.bytes!) })
            var edited = papers
            let paper = edited.indices.first { edited[$0].authors.count > 2 }!
            change(&edited[paper])
            let again = SearchIndexBuilder.index(edited, termCache: (path, true), site: first.mark)
            #expect(!again.files.contains { $0.bytes == nil && ($0.path.hasPrefix("search/f/") || $0.path == SearchLayout.facets) })
            #expect(again.files.contains { $0.bytes == nil })  // (the rest is taken as ever)
            let expected = full(edited)
            expectTheIndexFromNothing(again.files, before: before, expected: expected)
        }
    }

    /// The count of term buckets is rounded up to two significant digits from a hundred on, so
    /// that a few papers more or less leave it, and every word's bucket, where it was.
    @Test func theCountOfBucketsStaysPutForSmallChanges() {
        // 40,000 words of six bytes, each in 40 of 100,000 papers, whose numbers have 4.8889
        // digits on average (488,890 digits): 6 + 6 + 40 × 9.8889 bytes each, 16,302,240 in
        // all: 8,152 buckets of 2,000 bytes, rounded up.
        let names = (0..<40_000).map { "w" + String(100_000 + $0).dropFirst() }
        let df = [Int32](repeating: 40, count: names.count)
        let count = SearchIndexBuilder.termBucketCount(names: names, df: df, papers: 100_000)
        #expect(count == 8_200)
        // Past a power of ten, where the new numbers alone have a digit more.
        #expect(SearchIndexBuilder.termBucketCount(names: names, df: df, papers: 99_850) == count)
        #expect(SearchIndexBuilder.termBucketCount(names: names, df: df, papers: 100_150) == count)
        var grown = df
        for i in 0..<300 { grown[i] += 1 }
        #expect(SearchIndexBuilder.termBucketCount(names: names, df: grown, papers: 100_000) == count)
        #expect(SearchIndexBuilder.termBucketCount(names: ["a"], df: [1], papers: 1) == 1)
        #expect(SearchIndexBuilder.termBucketCount(names: names, df: df.map { $0 * 4 }, papers: 100_000) > count)
    }
}

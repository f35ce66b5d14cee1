import Algorithms
import Foundation

/// The search index `digest build` writes beside the pages (see `SearchLayout` for the files).
/// Each term's postings carry a BM25F score computed here, once, so a query only adds numbers.
public enum SearchIndexBuilder {
    /// Fields in the order of `FieldCounts`' lanes, and what a match in each is worth: the issue's
    /// order title > authors > tags > venue > abstract.
    static let weights: [Double] = [6, 4, 3, 2, 1]
    /// BM25F length normalisation per field: long abstracts and titles count each word less;
    /// a byline or a tag list does not.
    static let lengthNormalisation: [Double] = [0.5, 0, 0, 0, 0.75]
    static let k1 = 1.2
    static let fieldCount = 5
    typealias FieldCounts = SIMD8<UInt16>

    /// `termCache`: where the build keeps each paper's words for the next one
    /// (`SearchTermCache`), and whether to take the words kept there by the last.
    /// `papers` in the site's order (`SiteModel.papers`).
    public static func files(_ papers: [Paper], termCache: (path: String, useCached: Bool)? = nil) -> [(path: String, bytes: [UInt8])] {
        index(papers, termCache: termCache).files.map { ($0.path, $0.bytes!) }
    }

    /// The index's files, sorted by path, and the mark of what it was made from (by place, each
    /// paper's display key, which holds its words' key; the count of term buckets; what the
    /// filters are made from), which the words kept for the next build carry
    /// (`SearchTermCache`). `site`: the mark of the index the current site has; when it is the
    /// kept words' mark, those are what it was made from, and the term buckets, display files,
    /// filter files and facets it has as this build would make them come without bytes (nil;
    /// `TermBucketReuse`, `changedBlocks`, `filterMark`); `siteFile`, a file of that index by
    /// its path (nil: none), which the buckets made take the words they do not make from
    /// (`TermListPatch`). `keys`: the papers' `PaperKeys`
    /// (their text, fields and display facts are what the words are kept under), when the
    /// build has them already; with a term cache and none given, they are made.
    /// `emit`, when there is no site's index (a full build): each kind of file is handed to it
    /// as soon as it is made (filters, term buckets, vocabulary, display files, manifest), to
    /// be written and let go, and none is returned. Held to the end, they were 130 MB of a
    /// 100k build's peak of memory.
    static func index(_ newestFirst: [Paper], termCache: (path: String, useCached: Bool)? = nil, keys given: [PaperKeys]? = nil,
                      site: UInt64? = nil, siteFile: (String) -> [UInt8]? = { _ in nil },
                      postingRuns runs: Int = postingRuns,
                      emit: (([(path: String, bytes: [UInt8])]) -> Void)? = nil) -> (files: [(path: String, bytes: [UInt8]?)], mark: UInt64) {
        // Papers in the order of their numbers (`SearchLayout.number`): the dated from the
        // oldest, then the undated, so that a listing's papers take new numbers and leave the
        // others' as they were, not move them all.
        let dated = newestFirst.prefix { $0.date != nil }.count
        let places = newestFirst.indices.map { SearchLayout.number($0, dated: dated) }  // (each number's place)
        let papers = places.map { newestFirst[$0] }
        var cached = termCache.flatMap { $0.useCached ? SearchTermCache.read($0.path) : nil }
        // What the site's index was made from, when it is what the last build kept.
        let siteIndex = termCache.flatMap { $0.useCached && site != nil ? SearchTermCache.readIndex($0.path) : nil }.flatMap { $0.mark == site ? $0 : nil }
        let keys = termCache == nil ? nil : given.map { given in places.map { given[$0] } } ?? ParallelMap.batched(papers.count, batch: 1024) { PaperKeys(papers[$0]) }
        let (textKeys, fieldKeys, displayFacts) = (keys?.map(\.text), keys?.map(\.fields), keys?.map(\.display))
        var chunks = ParallelMap.runs(of: papers) { [cached] in terms(of: $0, cached: cached, textKeys: textKeys, fieldKeys: fieldKeys) }
        let merged = merge(&chunks, kept: cached?.kept)
        let names = merged.table.names()
        let termBuckets = termBucketCount(names: names, df: merged.df, papers: papers.count)
        let wordKeys = chunks.flatMap(\.keys)  // (none without the papers' text keys)
        let displayKeys = displayFacts.map { facts in ParallelMap.batched(wordKeys.count) { displayKey(words: wordKeys[$0], facts: facts[$0]) } } ?? []
        // What the filter files and the facets are made from, when the words are kept.
        let filterMark = fieldKeys.flatMap { fields in displayFacts.map { Self.filterMark(fieldKeys: fields, displayFacts: $0) } } ?? 0
        var mark = ContextHash()
        for key in displayKeys { mark.add(key) }
        mark.add(UInt64(termBuckets))
        mark.add(filterMark)
        // The filter files and facets, unless the site has them as they would be made (nil).
        var files: [(path: String, bytes: [UInt8])] = []
        precondition(emit == nil || site == nil, "files are emitted only when none is taken from the site")
        func emitFiles() {
            guard let emit, !files.isEmpty else { return }
            emit(files)
            files = []
        }
        let filterBuckets: Int, takenFilters: Bool
        if let siteIndex, siteIndex.filterMark == filterMark {
            (filterBuckets, takenFilters) = (siteIndex.filterBuckets, true)
        } else {
            // Each paper's filters taken from those the last build that made them kept, when
            // it has the paper's with the same fields, and kept for the next.
            let path = termCache.map { FilterKeys.path(besideWords: $0.path) }
            let paperKeys = fieldKeys.map { fields in papers.indices.map { FilterKeys.paperKey(fields: fields[$0], date: papers[$0].date) } }
            let filters = FilterKeys(papers, paperKeys: paperKeys, kept: termCache?.useCached == true ? path.flatMap(FilterKeys.read) : nil)
            (filterBuckets, takenFilters) = (filterFiles(filters, into: &files), false)
            files.append((SearchLayout.facets, facets(papers, venues: filters.venueCounts())))
            if let path { filters.write(to: path) }
        }
        emitFiles()
        let averages = Self.averages(merged.lengthSums, papers: papers.count)
        if let termCache {
            keep(chunks, merged, names: names, words: cached, path: termCache.path,
                 index: (mark.value, termBuckets, averages, displayKeys, filterMark, filterBuckets))
        }
        // What is as it was in the site's index is taken.
        let kept = siteIndex.flatMap { index in
            cached.flatMap { TermBucketReuse(chunks, paperKeys: wordKeys, names: names, df: merged.df, words: $0, kept: index, termBuckets: termBuckets, averages: averages) }
        }
        let blocks = siteIndex.map { changedBlocks(displayKeys, kept: $0.displayKeys) }
        // The words of the buckets made that are not made themselves, from the site's files.
        var making = kept?.making
        let taken = kept.map { reuse in
            TermListPatch.lists(reuse, making: &making!, names: names, df: merged.df, chunks: chunks, averages: averages, papers: papers.count,
                                dated: dated, siteFile: siteFile)
        } ?? [:]
        // The kept words' file is mapped (130 MB at 100k papers), and held to the end of the
        // scope; let go here, before the postings are made, it is no part of the build's peak.
        cached = nil
        // (Moved, not copied: a copy held here kept every chunk's arrays, 130 MB at 100k
        // papers, to the end of the index, past where `postingLists` lets them go.)
        let (live, df, lists) = postingLists(consume chunks, consume merged, names: names, averages: averages, papers: papers.count, dated: dated,
                                             making: making, taken: taken, runs: runs)

        // (Labelled as `bucketFiles` takes them: an array of unlabelled pairs passed as such is
        // converted element by element at run time, 82M instructions for 275k words.)
        bucketFiles(zip(live, lists).map { (key: $0, list: $1) }, count: termBuckets, path: SearchLayout.termFile, only: kept?.buckets, into: &files)
        emitFiles()
        // The vocabulary files of the words whose counts may have moved, when every changed
        // paper's words then are known (`TermBucketReuse.wordsKnown`), the others taken.
        var vocabulary: [(path: String, bytes: [UInt8]?)] = []
        let changed = kept.flatMap { kept in kept.wordsKnown ? names.indices.filter { kept.moved[$0] }.map { names[$0] } : nil }
        vocabularyFiles(names: live, df: df, changed: changed, into: &files, taken: &vocabulary)
        emitFiles()
        displayFiles(papers, only: blocks, into: &files)
        emitFiles()
        files.append((SearchLayout.manifest, Array("""
            {"block":\(SearchLayout.block),"dated":\(dated),"filterBuckets":\(filterBuckets),"papers":\(papers.count),\
            "shortPrefixWords":\(SearchLayout.shortPrefixWords),"termBuckets":\(termBuckets),"version":1}\n
            """.utf8)))
        emitFiles()
        // The files made, sorted by path, and those taken as the site has them (no bytes), each
        // kind already in its paths' order, merged in.
        typealias File = (path: String, bytes: [UInt8]?)
        var all = files.map { File(path: $0.path, bytes: $0.bytes) }.sorted { $0.path < $1.path }
        func takenFiles(_ count: Int, _ path: (Int) -> String, where isTaken: (Int) -> Bool) -> [File] {
            SearchLayout.numbersInPathOrder(count).filter(isTaken).map { File(path: path($0), bytes: nil) }
        }
        if let kept { all = Self.merged(all, takenFiles(kept.buckets.count, SearchLayout.termFile) { !kept.buckets[$0] }) }
        if let blocks { all = Self.merged(all, takenFiles(blocks.count, SearchLayout.displayFile) { !blocks[$0] }) }
        if !vocabulary.isEmpty { all = Self.merged(all, vocabulary) }
        if takenFilters { all = Self.merged(all, takenFiles(filterBuckets, SearchLayout.filterFile) { _ in true } + [File(path: SearchLayout.facets, bytes: nil)]) }
        return (all, mark.value)
    }

    /// Two lists of files sorted by path, as one.
    static func merged(_ a: [(path: String, bytes: [UInt8]?)], _ b: [(path: String, bytes: [UInt8]?)]) -> [(path: String, bytes: [UInt8]?)] {
        var all: [(path: String, bytes: [UInt8]?)] = []
        all.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count && j < b.count {
            if b[j].path < a[i].path { all.append(b[j]); j += 1 } else { all.append(a[i]); i += 1 }
        }
        all += a[i...]
        all += b[j...]
        return all
    }

    /// Keeps this build's words (`SearchTermCache.write`) and what its index is made from
    /// (`SearchTermCache.Index`) for the next build. The words file is written again only when
    /// more than `CacheFile.recentLimit` papers were counted anew since (their keys are not in
    /// `words`, the words kept), or words no paper has are a tenth of it (`KeptWords.prunes`);
    /// until then those papers are counted again by each build, and the index file has the
    /// buckets of their words, which a build that changes them makes again (`TermBucketReuse`).
    /// Those papers are the ones `terms(of:)` counted (`Chunk.origins`).
    static func keep(_ chunks: [Chunk], _ merged: Merged, names: [String], words: SearchTermCache.Terms?, path: String,
                     index: (mark: UInt64, termBuckets: Int, averages: [Double], displayKeys: [UInt64], filterMark: UInt64, filterBuckets: Int)) {
        let keys = chunks.flatMap(\.keys)
        var recent: [UInt64: [UInt32]] = [:]
        var writesWords = words == nil || KeptWords.prunes(df: merged.df)
        if words != nil, !writesWords {
            let limit = CacheFile.recentLimit(papers: keys.count)
            counting: for chunk in chunks {
                for p in chunk.origins.counted {
                    guard recent.count < limit else { writesWords = true; break counting }
                    let buckets = chunk.papers.range(of: p).map { UInt32(SearchLayout.bucket(names[Int(chunk.terms[$0])], of: index.termBuckets)) }
                    recent[chunk.keys[p]] = Set(buckets).sorted()
                }
            }
        }
        if writesWords {
            SearchTermCache.write(chunks, words: merged.table.words, df: merged.df, to: path)
            recent = [:]
        }
        SearchTermCache.write(SearchTermCache.Index(mark: index.mark, termBuckets: index.termBuckets, averages: index.averages, keys: keys,
                                                    displayKeys: index.displayKeys, filterMark: index.filterMark,
                                                    filterBuckets: index.filterBuckets, recent: recent), to: path)
    }

    /// Each field's average length over the papers, rounded to a power of 2^¼ (…, 8, 9.51,
    /// 11.31, 13.45, 16, …): BM25F weighs every posting by them, and exact they would move with
    /// any edit (a title one word longer), changing scores all over the index. Rounded to a
    /// sixteenth of a word, an edit left them put, but a listing of 150 papers at 100k moved
    /// one across a step about one time in four; steps of 19% are crossed by a listing about one
    /// time in a hundred. (BM25's length normalisation is no finer than that: `b` itself is a
    /// rule of thumb.)
    static func averages(_ lengthSums: [Double], papers: Int) -> [Double] {
        let count = Double(max(papers, 1))
        return lengthSums.map { sum in
            let average = sum / count
            return average > 1 ? max(exp2((log2(average) * 4).rounded() / 4), 1) : 1
        }
    }

    /// How many term buckets: enough for about `SearchLayout.bucketBytes` each, from what each
    /// word's entry weighs (its name, and for each of its papers up to the cap a posting of
    /// five bytes and a paper number's digits, on average over the papers), rounded up to two
    /// significant digits. The exact bytes moved with every edit and now and then the count
    /// with them, and every word's bucket; this count stays put for an edit, and for a listing
    /// of a few papers — also past a power of ten, where every number's digits would step up.
    static func termBucketCount(names: [String], df: [Int32], papers: Int) -> Int {
        var (entries, postings) = (0, 0)
        for id in names.indices where df[id] > 0 {
            entries += names[id].utf8.count + 6
            postings += min(Int(df[id]), SearchLayout.postingsPerTerm)
        }
        var (digits, from, width, limit) = (0, 0, 1, 10)
        while from < papers {
            let to = min(papers, limit)
            digits += (to - from) * width
            (from, width, limit) = (to, width + 1, limit * 10)
        }
        let size = Double(entries) + Double(postings) * (Double(digits) / Double(max(papers, 1)) + 5)
        return twoDigitsUp(max(1, Int((size / Double(SearchLayout.bucketBytes)).rounded(.up))))
    }

    /// `count` rounded up to two significant digits (below 100, itself): a count of buckets
    /// that a few more or fewer entries leave where it was, and every key's bucket with it.
    static func twoDigitsUp(_ count: Int) -> Int { twoSignificantDigits(count, up: true) }

    /// `n` (above 0) rounded to two significant digits, up or to the nearest; below 100, itself.
    private static func twoSignificantDigits(_ n: Int, up: Bool) -> Int {
        var scale = 1
        while n / scale >= 100 { scale *= 10 }
        return (n + (up ? scale - 1 : scale / 2)) / scale * scale
    }

    /// The chunks' words in one table (`KeptWords.merge`): the words kept by the last build
    /// (`kept`) first, with their ids there, then each chunk's, in run order. Each chunk's
    /// entries then hold ids into it. A kept word no paper has now is in the table with no
    /// paper (`postingLists` leaves it out).
    struct Merged {
        var table = TermTable()
        /// Per word, the count of papers that have it.
        var df: [Int32] = []
        /// Per field, the sum of every paper's length.
        var lengthSums = [Double](repeating: 0, count: fieldCount)
    }

    static func merge(_ chunks: inout [Chunk], kept: KeptWords? = nil) -> Merged {
        var merged = Merged()
        (merged.table, merged.df) = KeptWords.merge(&chunks, kept: kept)
        for chunk in chunks {
            for lengths in chunk.lengths { for f in 0..<fieldCount { merged.lengthSums[f] += Double(lengths[f]) } }
        }
        return merged
    }

    /// Each word of the index with the count of papers that have it and its postings, the
    /// best `SearchLayout.postingsPerTerm` as `paper,score,…`. Papers were read in runs, one
    /// word table per run, so no lock is shared; the tables merge in run order (term ids are
    /// internal: every file is sorted when written). Each chunk's arrays are let go once used.
    /// `making`: per word, whether its postings are made (the others' lists are empty, or
    /// `taken`'s, by word).
    static func postingLists(_ chunks: consuming [Chunk], _ merged: consuming Merged, names: [String], averages: [Double], papers: Int, dated: Int,
                             making: [Bool]? = nil, taken: [Int: [UInt8]] = [:], runs: Int = postingRuns) -> (names: [String], df: [Int32], lists: [[UInt8]]) {
        // (A word kept from the last build that no paper has now has `df` 0 and no postings:
        // it is left out at the end.)
        let df = merged.df
        merged.table = TermTable()
        let count = Double(countForIDF(papers))
        // (A count rounded down is below the papers of a word every paper has — a site's one
        // venue, at 281–284 papers — whose IDF was then below 0, and its score a crash: such a
        // word counts as in all the count's papers, its IDF near 0 as it is when that is so.)
        let idf = df.map { Self.idf(df: $0, papers: count) }

        // Postings grouped by word with a counting sort (a word's papers are its `df`), then
        // each word's best kept (`posting`).
        var starts = [Int](repeating: 0, count: names.count + 1)
        for id in names.indices { starts[id + 1] = starts[id] + (making?[id] ?? true ? Int(df[id]) : 0) }
        var fill = starts
        var lists: [[UInt8]] = []
        if let making {
            // Only the words made: their entries found and scored on every core, then placed
            // (one pass over all 13M entries at 100k papers, on one core, was 0.4 CPU-s of an
            // edit's rebuild). Each part's words and postings in two arrays made room for at
            // once, and the chunks let go before the postings are placed: (word, posting)
            // pairs grown by doubling, beside chunks still held, were 400 MB of the peak of a
            // listing's rebuild at 100k papers.
            var postings: [(ids: [Int32], postings: [UInt64])] = []
            do {
                let (parts, found) = (chunks, making)
                chunks = []  // (`parts` holds them, to the end of this block)
                var first = 0
                let bases = parts.map { chunk in defer { first += chunk.papers.count }; return first }
                postings = ParallelMap.run(parts.count) { c -> (ids: [Int32], postings: [UInt64]) in
                    let chunk = parts[c]
                    return found.withUnsafeBufferPointer { making in
                        chunk.terms.withUnsafeBufferPointer { terms in
                            // (Over the entries, not paper by paper: an edit makes a few words,
                            // and a look at each of 16M entries is all most of them need. They
                            // are counted, and the places of up to a sixteenth of the entries
                            // kept, then written in place: appended, a check that each array is
                            // not shared came with each of 12M for a listing. An edit's few are
                            // then not looked for again (~40M instructions of its rebuild); a
                            // listing's many are, rather than kept: 48 MB more at its peak.)
                            var count = 0
                            let room = terms.count / 16 + 1
                            let places = [Int32](unsafeUninitializedCapacity: room) { places, kept in
                                for i in terms.indices where making[Int(terms[i])] {
                                    if count < room { places[count] = Int32(i) }
                                    count += 1
                                }
                                kept = min(count, room)
                            }
                            var ids = [Int32](repeating: 0, count: count), out = [UInt64](repeating: 0, count: count)
                            ids.withUnsafeMutableBufferPointer { ids in
                                out.withUnsafeMutableBufferPointer { out in
                                    // A paper's divisors and number, made when its first entry is met.
                                    // (Not an optional: one of these, copied out of it at each
                                    // entry, was 3 calls of memcpy an entry.)
                                    var (p, end, place, k) = (-1, 0, 0, 0)
                                    var divisors = LengthDivisors(FieldCounts(), averages: averages)
                                    func take(_ i: Int) {
                                        if i >= end {
                                            while i >= end { (p, end) = (p + 1, chunk.papers.range(of: p + 1).upperBound) }
                                            divisors = LengthDivisors(chunk.lengths[p], averages: averages)
                                            place = SearchLayout.number(bases[c] + p, dated: dated)
                                        }
                                        let score = Self.score(chunk.fieldCounts(at: i), divisors: divisors, idf: idf[Int(terms[i])])
                                        (ids[k], out[k]) = (terms[i], posting(score: score, place: place))
                                        k += 1
                                    }
                                    if count <= room {
                                        for i in places { take(Int(i)) }
                                    } else {
                                        for i in terms.indices where making[Int(terms[i])] { take(i) }
                                    }
                                }
                            }
                            return (ids, out)
                        }
                    }
                }
            }
            // (Made here, not before the chunks went: 100 MB at 100k papers.)
            var flat = [UInt64](repeating: 0, count: starts[names.count])
            // (Written through buffers: through the arrays, each of 12M entries after a listing
            // checked that both were not shared, on one core while the others waited.)
            flat.withUnsafeMutableBufferPointer { flat in
                fill.withUnsafeMutableBufferPointer { fill in
                    for k in postings.indices {
                        postings[k].ids.withUnsafeBufferPointer { ids in
                            postings[k].postings.withUnsafeBufferPointer { made in
                                for (id, posting) in zip(ids, made) {
                                    flat[fill[Int(id)]] = posting
                                    fill[Int(id)] += 1
                                }
                            }
                        }
                        postings[k] = ([], [])
                    }
                }
            }
            lists = bestLists(flat, starts: starts, words: 0..<names.count, dated: dated)
        } else {
            // Every entry scored on every core, and the counts let go.
            var scores = scores(chunks, averages: averages, idf: idf)
            for c in chunks.indices { (chunks[c].counts, chunks[c].outsized) = ([], [:]) }
            // Then placed a run of words at a time, each run's lists made before the next: the
            // postings of all the words at once were an array of 126 MB at 100k papers, beside
            // the chunks and their scores (as much again), at the full build's peak of memory.
            // The chunks are read once per run, and let go in the last.
            let groups = wordRuns(starts, count: runs)
            lists.reserveCapacity(names.count)
            for (r, words) in groups.enumerated() {
                let (first, last) = (starts[words.lowerBound], r == groups.count - 1)
                var flat = [UInt64](repeating: 0, count: starts[words.upperBound] - first)
                var paper = 0
                // (Written through buffers, as above: a full build's 13M entries, on one core.)
                flat.withUnsafeMutableBufferPointer { flat in
                    fill.withUnsafeMutableBufferPointer { fill in
                        for c in chunks.indices {
                            chunks[c].terms.withUnsafeBufferPointer { terms in
                                scores[c].withUnsafeBufferPointer { scores in
                                    for p in 0..<chunks[c].papers.count {
                                        for i in chunks[c].papers.range(of: p) {
                                            let id = Int(terms[i])
                                            guard words.contains(id) else { continue }
                                            flat[fill[id] - first] = posting(score: scores[i], place: SearchLayout.number(paper, dated: dated))
                                            fill[id] += 1
                                        }
                                        paper += 1
                                    }
                                }
                            }
                            if last { (chunks[c], scores[c]) = (Chunk(), []) }
                        }
                    }
                }
                lists += bestLists(flat, starts: starts, words: words, dated: dated)
            }
        }
        for (id, list) in taken { lists[id] = list }
        // Kept words no paper has now, left out.
        guard df.contains(0) else { return (names, df, lists) }
        let live = df.indices.filter { df[$0] > 0 }
        return (live.map { names[$0] }, live.map { df[$0] }, live.map { lists[$0] })
    }

    /// How many runs of words a full build places the postings of, one after the other (`wordRuns`).
    static let postingRuns = 4

    /// Words `0..<starts.count - 1` in `count` runs of about as many postings each (`starts`:
    /// where each word's postings begin); fewer when a word alone has more than a run's share.
    static func wordRuns(_ starts: [Int], count: Int) -> [Range<Int>] {
        let words = starts.count - 1, total = starts[words]
        var runs: [Range<Int>] = [], first = 0
        for r in 1..<max(count, 1) where first < words {
            // The first word whose postings begin at or past the run's share.
            var end = first
            while end < words && starts[end] < total * r / count { end += 1 }
            if end > first { runs.append(first..<end); first = end }
        }
        if first < words || runs.isEmpty { runs.append(first..<words) }
        return runs
    }

    /// The lists of `words`, each word's postings in `flat` from `starts[word] - starts[words.lowerBound]`
    /// (empty for a word with none: most in an edit), the best of a common word's tens of
    /// thousands chosen without sorting them all.
    static func bestLists(_ flat: [UInt64], starts: [Int], words: Range<Int>, dated: Int) -> [[UInt8]] {
        let first = starts[words.lowerBound]
        return ParallelMap.batched(words.count) { k -> [UInt8] in
            let (from, to) = (starts[words.lowerBound + k] - first, starts[words.lowerBound + k + 1] - first)
            guard from < to else { return [] }
            return listBytes(Selection.smallest(SearchLayout.postingsPerTerm, of: Array(flat[from..<to])), dated: dated)
        }
    }

    /// A word's postings, best first, as its list in a term bucket: `number,score,…`.
    static func listBytes(_ postings: some Collection<UInt64>, dated: Int) -> [UInt8] {
        let number = { (posting: UInt64) in SearchLayout.number(Int(posting & 0xFFFF_FFFF), dated: dated) }
        let score = { (posting: UInt64) in Int(UInt32.max - UInt32(posting >> 32)) }
        // Measured first, then written in place: appended a byte at a time, each append
        // checking the array's room and that it is not shared, the lists were 4% of a
        // listing's rebuild at 100k papers (made for the longest numbers can be, the arrays
        // would hold three times their bytes, in a full build's largest resident set).
        let size = postings.reduce(postings.count * 2 - 1) { $0 + decimalDigits(number($1)) + decimalDigits(score($1)) }
        guard size > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var at = 0
            for posting in postings {
                if at > 0 { buffer[at] = UInt8(ascii: ","); at += 1 }
                at = writeDecimal(number(posting), into: buffer, at: at)
                buffer[at] = UInt8(ascii: ",")
                at = writeDecimal(score(posting), into: buffer, at: at + 1)
            }
            count = at
        }
    }

    /// How many digits `n` (not negative) has in decimal. (Compared with powers of ten, not
    /// divided by ten digit by digit: the numbers and scores of the lists a listing makes and
    /// patches at 100k papers, millions of them, are measured, then written.)
    static func decimalDigits(_ n: Int) -> Int {
        var (digits, power) = (1, 10)
        while n >= power && digits < 19 { (digits, power) = (digits + 1, power &* 10) }
        return digits
    }

    /// Each number below 100 as its two digits, `00` to `99`.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// `n` (not negative) in decimal, into `buffer` from `start`; where it ends. (Two digits
    /// at a step, from a table: the lists' numbers and scores have four or five.)
    static func writeDecimal(_ n: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        precondition(n >= 0, "postings hold no negative numbers")
        let end = start + decimalDigits(n)
        let pairs = digitPairs.utf8Start
        var (rest, at) = (n, end)
        while rest >= 10 {
            let pair = 2 * (rest % 100)
            buffer[at - 1] = pairs[pair + 1]
            buffer[at - 2] = pairs[pair]
            (rest, at) = (rest / 100, at - 2)
        }
        if at > start { buffer[at - 1] = UInt8(ascii: "0") + UInt8(rest) }
        return end
    }

    /// A word's IDF, from its count of papers (`dfForIDF`) and the count of papers the IDFs are
    /// made from (`countForIDF`).
    static func idf(df: Int32, papers count: Double) -> Double {
        let df = Double(dfForIDF(df))
        return log(1 + (max(count, df) - df + 0.5) / (df + 0.5))
    }

    /// The count of a word's papers its IDF is made from: rounded as the count of all papers is
    /// (`countForIDF`: two significant digits, below 100 exact). A listing then leaves the IDF
    /// of most common words it has as it was, and their lists, long and costly to make, are
    /// patched with its papers (`TermBucketReuse`): with exact counts, every posting of every
    /// word a 150-paper listing has was scored again, and at 100k papers its index took 1.15 s
    /// (0.66 s now; the rebuild 26.8 → 24.9 billion instructions). A count moves by under 5%,
    /// an IDF at 100k papers by under 1%: ranks move by nothing a reader sees.
    static func dfForIDF(_ df: Int32) -> Int32 {
        Int32(countForIDF(Int(df)))
    }

    /// A posting as one integer that sorts best first: the score's complement, then the
    /// paper's place in the site's order (of two papers with one score, the newer first).
    static func posting(score: UInt32, place: Int) -> UInt64 {
        Selection.rank(score, place: place)
    }

    /// The count of papers the IDFs are made from: rounded to two significant digits (below
    /// 100, exact). A listing of a few papers then leaves every IDF but those of its own words
    /// as it was, and the postings of the other words with them; with the exact count, each
    /// new paper moved every score in the index and every term bucket was written again
    /// (22k at 100k papers). Ranks move by nothing a reader sees: at 100k papers an IDF moves
    /// by at most 0.5% of the count's log.
    static func countForIDF(_ papers: Int) -> Int { twoSignificantDigits(max(papers, 1), up: false) }

    /// Each entry's BM25F score, chunk by chunk on every core.
    static func scores(_ chunks: [Chunk], averages: [Double], idf: [Double]) -> [[UInt32]] {
        ParallelMap.run(chunks.count) { c -> [UInt32] in
            let chunk = chunks[c]
            var scores = [UInt32](repeating: 0, count: chunk.terms.count)
            for p in 0..<chunk.papers.count {
                let divisors = LengthDivisors(chunk.lengths[p], averages: averages)
                for i in chunk.papers.range(of: p) {
                    scores[i] = score(chunk.fieldCounts(at: i), divisors: divisors, idf: idf[Int(chunk.terms[i])])
                }
            }
            return scores
        }
    }

    /// The words of a run of papers, counted, or taken from `cached` for a paper whose text
    /// it has. `textKeys`: every paper's `KeptWords.textKey`, by its index (the slice's), when
    /// the words are to be kept: each paper's key (`SearchTermCache.key`) goes in the chunk;
    /// `fieldKeys`, every paper's `SearchTermCache.fieldsKey`, when the caller has them.
    static func terms(of papers: ArraySlice<Paper>, cached: SearchTermCache.Terms? = nil, textKeys: [UInt64]? = nil,
                      fieldKeys: [UInt64]? = nil) -> Chunk {
        var counter = TermCounter()
        // Each paper's key, and where the kept words have it: what is taken from there is
        // known before any entry is copied, and the chunk's arrays are made that size at once.
        let keys = textKeys.map { texts in papers.indices.map { SearchTermCache.key(text: texts[$0], fields: fieldKeys?[$0] ?? SearchTermCache.fieldsKey(papers[$0])) } } ?? []
        let found = textKeys == nil ? nil : cached.map { cached in keys.map { cached.kept.papers[$0] } }
        if let cached, let found { counter.reserve(cached.kept.entries(found, new: 256)) }
        var run = KeptWords.Run()
        for (n, i) in papers.indices.enumerated() {
            if let cached, let k = found?[n] {
                if let ended = run.add(k) { counter.addCached(ended, from: cached) }
                continue
            }
            if let cached { counter.addCached(run.end(), from: cached) }
            let paper = papers[i]
            let title = SearchTokenizer.tokens(paper.title)
            let names = paper.authors.map { SearchTokenizer.tokens($0, dropStopWords: false) }
            counter.startPaper()
            counter.add(title, field: 0)
            for name in names { counter.add(name, field: 1) }
            for tag in paper.tags { counter.add(text: tag, field: 2) }
            counter.add(text: paper.venue ?? "", field: 3)
            // The abstract is most of the words: they go from its bytes to the table.
            counter.add(text: paper.abstract, field: 4)
            // Word pairs of the title and of each name count as words of their field, but not
            // in its length: they find a paper by its title or an author by their full name
            // where each word alone is too common to have kept the paper in its postings.
            counter.add(SearchTokenizer.pairs(title), field: 0, inLength: false)
            for name in names { counter.add(SearchTokenizer.pairs(name), field: 1, inLength: false) }
        }
        if let cached { counter.addCached(run.end(), from: cached) }
        var chunk = counter.finish()
        chunk.keys = keys
        return chunk
    }

    /// BM25F, scaled by 100 and rounded: postings store integers.
    static func score(_ tf: FieldCounts, lengths: FieldCounts, averages: [Double], idf: Double) -> UInt32 {
        score(tf, divisors: LengthDivisors(lengths, averages: averages), idf: idf)
    }

    /// The same, with the paper's divisors made already.
    @inline(__always)
    static func score(_ tf: FieldCounts, divisors: LengthDivisors, idf: Double) -> UInt32 {
        var weighted = 0.0
        for f in 0..<fieldCount where tf[f] > 0 {
            weighted += divisors.weights[f] * Double(tf[f]) / divisors.lanes[f]
        }
        let s = idf * weighted * (k1 + 1) / (k1 + weighted)
        return max(1, UInt32(roundedHalfAway(s * 100)))
    }

    /// `x.rounded()` (to the nearest whole number, halves away from zero), the same value, but
    /// without a call of libm's `round` where the whole part fits a conversion: a score is
    /// rounded for each of 12M entries after a listing at 100k papers, 21 instructions a call.
    /// (A zero may lose its sign: a score's is not kept.)
    @inline(__always)
    static func roundedHalfAway(_ x: Double) -> Double {
        guard x.magnitude < 0x1p52 else { return x.rounded() }  // (NaN too: it compares false)
        let whole = Double(Int64(x))  // toward zero; exact below 2^52, and so is the rest
        let rest = x - whole
        return rest >= 0.5 ? whole + 1 : rest <= -0.5 ? whole - 1 : whole
    }

    /// A paper's BM25F length divisors per field, `1 - b + b × length / average`: the same for
    /// each of its words, so made once per paper, not per entry. (A listing added moves every
    /// word's IDF, and at 100k papers 12.9M entries were scored again, each with its five
    /// divisions and its counts unpacked through arrays: 3.9 billion instructions.) The
    /// divisor is the expression the score had in it, so the scores are the same to the bit.
    struct LengthDivisors {
        /// `SearchIndexBuilder.weights`, in lanes, read without the array's checks; copied
        /// into each paper's divisors, so that a score reads no global (`swift_once` per entry).
        private static let fieldWeights = SIMD8<Double>(SearchIndexBuilder.weights + [0, 0, 0])
        let weights: SIMD8<Double>
        let lanes: SIMD8<Double>

        init(_ lengths: FieldCounts, averages: [Double]) {
            weights = Self.fieldWeights
            var lanes = SIMD8<Double>(repeating: 1)
            for f in 0..<fieldCount {
                let b = lengthNormalisation[f]
                lanes[f] = 1 - b + b * Double(lengths[f]) / averages[f]
            }
            self.lanes = lanes
        }
    }

    /// `n` in decimal, as JSON writes it: a digit, the commonest, appended as its byte; longer,
    /// made on the stack by `writeDecimal` (a call per digit, as it was first, was a tenth of
    /// this stage for the millions of numbers in the postings at 100k).
    static func appendDecimal(_ n: Int, to bytes: inout [UInt8]) {
        precondition(n >= 0, "postings hold no negative numbers")
        if n < 10 { bytes.append(UInt8(ascii: "0") + UInt8(n)); return }
        // (Written as `writeDecimal` writes a list's numbers, on the stack, then appended byte by
        // byte: the generic append of a buffer was 100 instructions a number, for 3.5M numbers
        // of three digits or more after a listing at 100k papers.)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            for k in 0..<writeDecimal(n, into: digits, at: 0) { bytes.append(digits[k]) }
        }
    }

    /// `{"key":[…],…}` files, each entry in bucket FNV-1a(key) mod `count`; keys sorted within
    /// each file. `only`: per bucket, whether its file is made (nil: all are).
    static func bucketFiles(_ entries: [(key: String, list: [UInt8])], count: Int, path: @Sendable (Int) -> String, only: [Bool]? = nil,
                            into files: inout [(path: String, bytes: [UInt8])]) {
        var members = [[Int]](repeating: [], count: count)
        for (i, entry) in entries.enumerated() {
            let bucket = SearchLayout.bucket(entry.key, of: count)
            if only?[bucket] ?? true { members[bucket].append(i) }
        }
        let made = chosen(count, only)
        let buckets = members
        files += ParallelMap.run(made.count) { m -> (path: String, bytes: [UInt8]) in
            let n = made[m]
            var bytes: [UInt8] = [UInt8(ascii: "{")]
            for (k, i) in buckets[n].sorted(by: { entries[$0].key < entries[$1].key }).enumerated() {
                bytes += ((k > 0 ? "," : "") + Escape.jsonString(entries[i].key) + ":[").utf8
                bytes += entries[i].list
                bytes.append(UInt8(ascii: "]"))
            }
            bytes += "}\n".utf8
            return (path(n), bytes)
        }
    }

    /// The files of `count` to make: those `only` marks, or all.
    static func chosen(_ count: Int, _ only: [Bool]?) -> [Int] {
        only.map { only in (0..<count).filter { only[$0] } } ?? Array(0..<count)
    }

    /// The count of buckets for `entries` of about `SearchLayout.bucketBytes` each, rounded up
    /// to two significant digits (`twoDigitsUp`). Exact, it moved with a listing's few papers
    /// (1,692 → 1,694 filter buckets at 100k papers), and every key's bucket with it: 1,496 of
    /// the filter files were written again where those papers' keys are in a few hundred.
    static func bucketCount(_ entries: [(key: String, list: [UInt8])]) -> Int {
        let size = entries.reduce(0) { $0 + $1.key.utf8.count + $1.list.count + 6 }
        return twoDigitsUp(max(1, (size + SearchLayout.bucketBytes - 1) / SearchLayout.bucketBytes))
    }

    /// What the filter files and the facets are made from (`FilterKeys`, `facets`): each
    /// paper's tags, venue and authors (`fieldKeys`, its `SearchTermCache.fieldsKey`) and year,
    /// in order. (Made from hashes of those, not from the lists: 100k papers' values numbered
    /// and cut into filter keys were 5% of an abstract edit's rebuild, perf.) The year by its
    /// paper's `displayFacts`, which hold its date (with its id and organisation, whose change
    /// makes the filters again for nothing, rarely): each paper's date read from its facts,
    /// wherever they are in memory, was 30–50 ms of every rebuild.
    static func filterMark(fieldKeys: [UInt64], displayFacts: [UInt64]) -> UInt64 {
        var mark = ContextHash()
        for p in fieldKeys.indices {
            mark.add(fieldKeys[p])
            mark.add(displayFacts[p])
        }
        return mark.value
    }

    static func filterFiles(_ filters: FilterKeys, into files: inout [(path: String, bytes: [UInt8])]) -> Int {
        let members = filters.lists()
        let lists = ParallelMap.batched(members.count) { id -> [UInt8] in
            var previous: Int32 = 0, list: [UInt8] = []
            for p in members[id].papers {
                if !list.isEmpty { list.append(UInt8(ascii: ",")) }
                appendDecimal(Int(p - previous), to: &list)
                previous = p
            }
            return list
        }
        let entries = zip(members, lists).map { (key: $0.key, list: $1) }  // (labelled: see `index`)
        let count = bucketCount(entries)
        bucketFiles(entries, count: count, path: SearchLayout.filterFile, into: &files)
        return count
    }

    /// What a paper's entry in the display files is made from: its title, abstract, authors,
    /// tags and venue, which its words' key (`SearchTermCache.key`) holds already; its id,
    /// organisation (the byline of a paper without authors) and date.
    static func displayKey(words: UInt64, facts: UInt64) -> UInt64 {
        var hash = ContextHash()
        hash.add(words)
        hash.add(facts)
        return hash.value
    }

    /// The id, organisation and date of a paper, hashed: the part of its `displayKey` its words'
    /// key does not hold (`PaperKeys.display`).
    static func displayFacts(_ paper: Paper) -> UInt64 {
        var hash = ContextHash()
        hash.add(tag: 1, paper.id)
        for (tag, field) in [(UInt8(2), paper.organization), (4, paper.date)] { hash.add(tag: field == nil ? tag : tag + 1, field ?? "") }
        return hash.value
    }

    /// Per display file, whether a paper in it is not the one the site's has (by `displayKey`,
    /// number by number; a number the site has no paper for is one, and so is a number only
    /// the site has: the file that held it is shorter now).
    static func changedBlocks(_ keys: [UInt64], kept: [UInt64]) -> [Bool] {
        var changed = [Bool](repeating: false, count: (keys.count + SearchLayout.block - 1) / SearchLayout.block)
        for p in keys.indices where p >= kept.count || keys[p] != kept[p] { changed[p / SearchLayout.block] = true }
        for p in keys.count..<max(keys.count, kept.count) where p / SearchLayout.block < changed.count {
            changed[p / SearchLayout.block] = true
        }
        return changed
    }

    /// `[path, title, byline, date, venue, snippet, [tags]]` per paper, written as bytes: made
    /// as strings and joined, the 50k files of a 100k site were a fifth of the index's CPU in
    /// an edit's rebuild, as bytes an eighth (perf). `only`: per file, whether it is made.
    static func displayFiles(_ papers: [Paper], only: [Bool]? = nil, into files: inout [(path: String, bytes: [UInt8])]) {
        let count = (papers.count + SearchLayout.block - 1) / SearchLayout.block
        let blocks = chosen(count, only)
        files += ParallelMap.run(blocks.count) { k -> (path: String, bytes: [UInt8]) in
            let n = blocks[k]
            let start = n * SearchLayout.block
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            for p in start..<min(start + SearchLayout.block, papers.count) {
                let paper = papers[p]
                if p > start { bytes.append(UInt8(ascii: ",")) }
                bytes.append(UInt8(ascii: "["))
                Escape.appendJSONString("papers/\(paper.id)/", to: &bytes)
                for field in [paper.title, byline(paper), paper.date ?? "", paper.venue ?? "", snippet(paper.abstract)] {
                    bytes.append(UInt8(ascii: ","))
                    Escape.appendJSONString(field, to: &bytes)
                }
                bytes += ",[".utf8
                for (t, tag) in paper.tags.enumerated() {
                    if t > 0 { bytes.append(UInt8(ascii: ",")) }
                    Escape.appendJSONString(tag, to: &bytes)
                }
                bytes += "]]".utf8
            }
            bytes += "]\n".utf8
            return (SearchLayout.displayFile(n), bytes)
        }
    }

    static func byline(_ paper: Paper) -> String {
        if paper.authors.isEmpty { return paper.organization ?? "" }
        let shown = paper.authors.prefix(5).joined(separator: ", ")
        return paper.authors.count > 5 ? shown + " et al." : shown
    }

    /// The abstract's opening, cut at a word boundary.
    static func snippet(_ abstract: String, limit: Int = 180) -> String {
        let scalars = abstract.unicodeScalars
        guard abstract.utf8.count > limit, let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
              end != scalars.endIndex else { return abstract }
        var cut = scalars[..<end]
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        return String(cut) + "…"
    }

    /// `venueCounts`: each venue the papers have, with how many and the place of the first
    /// (`FilterKeys.venueCounts`): a venue's key is made once, not for each paper that has it;
    /// the facet of a key is named as the first paper with it names its venue.
    static func facets(_ papers: [Paper], venues venueCounts: [(name: String, count: Int, first: Int)]) -> [UInt8] {
        var venues: [String: (name: String, count: Int, first: Int)] = [:]
        // Tags counted as `SiteModel.tags` counts them (the index is made beside the model), and
        // years, numbered on their bytes: as Dictionary keys, a seeded hash of each of 300k tags
        // and 100k years was 0.15 billion instructions of every rebuild at 100k papers.
        var (tagNumbers, yearNumbers) = (TermTable(), TermTable(capacity: 64))
        var (tagCounts, yearCounts): ([Int], [Int]) = ([], [])
        func count(_ number: Int32, _ counts: inout [Int]) {
            if Int(number) == counts.count { counts.append(0) }
            counts[Int(number)] += 1
        }
        for paper in papers {
            for tag in paper.tags { count(tagNumbers.id(tag), &tagCounts) }
            if let year = paper.year { count(yearNumbers.id(year), &yearCounts) }
        }
        let tagNames = tagNumbers.names(), yearNames = yearNumbers.names()
        for venue in venueCounts {
            let key = SearchTokenizer.key(venue.name)
            guard !key.isEmpty else { continue }
            guard let had = venues[key] else {
                venues[key] = venue
                continue
            }
            venues[key] = (had.first < venue.first ? had.name : venue.name, had.count + venue.count, min(had.first, venue.first))
        }
        let tags = tagCounts.indices.sorted { tagCounts[$0] != tagCounts[$1] ? tagCounts[$0] > tagCounts[$1] : tagNames[$0] < tagNames[$1] }
            .map { "[\(Escape.jsonString(tagNames[$0])),\(tagCounts[$0])]" }
        let yearList = yearCounts.indices.sorted { yearNames[$0] > yearNames[$1] }.map { "[\(Escape.jsonString(yearNames[$0])),\(yearCounts[$0])]" }
        let venueList = venues.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
            .map { "[\(Escape.jsonString($0.key)),\(Escape.jsonString($0.value.name)),\($0.value.count)]" }
        return Array("""
            {"tags":[\(tags.joined(separator: ","))],"venues":[\(venueList.joined(separator: ","))],"years":[\(yearList.joined(separator: ","))]}\n
            """.utf8)
    }
}

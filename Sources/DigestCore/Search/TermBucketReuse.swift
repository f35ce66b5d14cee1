import Algorithms

/// Which term buckets a rebuild makes again, and which the current site has as they would
/// be made. A word's postings are made from the papers that have it — at each number (papers
/// are numbered from the oldest), the paper's counts of it and its field lengths — and from
/// the count of papers the IDFs are made from (`SearchIndexBuilder.countForIDF`), the average
/// field lengths (`SearchIndexBuilder.averages`) and its count of papers. Where those and the
/// count of buckets are as the last build had them, a word's postings change only when a
/// number holds other words than it did (a paper edited, moved, come or gone; a number past
/// the last build's papers, or past this one's) and the word is among the words there, then
/// or now. The other words' postings are as they were, and a bucket of those only is too.
/// (At 100k papers an edit rebuild scored all 13M postings and wrote every bucket's bytes, to
/// find most of them as they were; a listing of 150 new papers, numbered after the others,
/// makes the buckets of their words.)
struct TermBucketReuse {
    /// Per word (merged id): its postings are made from every paper's entries.
    let making: [Bool]
    /// Per bucket: made again.
    let buckets: [Bool]
    /// The words whose postings change only at papers that had them before and have them
    /// still (a word's count of papers, and its IDF, are as they were), each with those
    /// papers' entries now: their postings are the site's with those papers' scores anew, when
    /// the site's list tells (`TermListPatch`). The other words of a bucket made are as the
    /// site has them.
    let patched: [Int: [Entry]]
    /// Per patched word, the numbers of the papers that had it and have it no more: their
    /// postings leave its list.
    let removed: [Int: [Int32]]
    /// Per word, whether its count of papers may have moved (its vocabulary files are made).
    let moved: [Bool]
    /// The words of the buckets made that are not made: patched, or as the site has them.
    let fromSite: [Int]
    /// Each word's bucket (`SearchLayout.bucket`), by its id.
    let bucketOf: [Int]
    /// Whether the words then of every paper that changed are known (not only their buckets):
    /// then the words `making` are all whose count of papers may have moved.
    let wordsKnown: Bool

    /// A paper's entry for a word: the chunk, the entry in it, the paper in the chunk and the
    /// paper's number.
    struct Entry {
        let chunk: Int32, entry: Int32, paper: Int32, number: Int32
    }

    /// Nil when the count the IDFs are made from, the averages or the count of buckets moved,
    /// the words changed in more than half the buckets (making them all costs little more),
    /// or the words of a paper the last build had at a number are not known. `chunks`: this
    /// build's words, merged (`merge`), with each paper's key, and `df` each word's count of
    /// papers; `paperKeys`, those keys chunk after chunk, as the build has them flat
    /// (`wordKeys`); `words`, the words kept (by key: the last build's papers are there, or in
    /// `kept.recent`); `kept`, what the last build's index was made from.
    ///
    /// A word that papers came to or left is patched too when the count its IDF is made from
    /// (`SearchIndexBuilder.dfForIDF`) is as it was: the postings of the papers that came are
    /// put in its list, those of the papers that left taken out, not every posting scored
    /// again (100k papers, a 150-paper listing: the index 1.15 → 0.66 s).
    init?(_ chunks: [SearchIndexBuilder.Chunk], paperKeys: [UInt64], names: [String], df: [Int32],
          words: SearchTermCache.Terms, kept: SearchTermCache.Index, termBuckets: Int, averages: [Double]) {
        let papers = chunks.reduce(0) { $0 + $1.papers.count }, keptPapers = kept.keys.count
        guard kept.termBuckets == termBuckets, SearchIndexBuilder.countForIDF(keptPapers) == SearchIndexBuilder.countForIDF(papers),
              kept.averages == averages, chunks.allSatisfy({ $0.keys.count == $0.papers.count }) else { return nil }

        // The words at each number whose paper's words changed: the kept paper's, whose ids
        // in the kept words are theirs in the merged words (`KeptWords.merge`), or, for a paper
        // counted anew since the words were kept, their buckets (each of whose words is made);
        // and this one's. A word the paper had and has is patched, the others made.
        var changed = [Bool](repeating: false, count: names.count)
        var buckets = [Bool](repeating: false, count: termBuckets)
        var unknown = [Bool](repeating: false, count: termBuckets)
        // Per word, how many more papers (of those whose words then are known) came to it than left it.
        var delta = [Int32](repeating: 0, count: names.count)
        let bucketOf = names.map { SearchLayout.bucket($0, of: termBuckets) }
        // Buckets are counted as they are marked: past half of them, the search stops. (A
        // dated listing after an undated one moves the undated papers' numbers, and a few
        // hundred numbers with other words mark most buckets; every changed paper's entries,
        // gathered before that was known, took 3 s of that rebuild at 100k papers.)
        var marked = 0
        func mark(_ bucket: Int) {
            if !buckets[bucket] { (buckets[bucket], marked) = (true, marked + 1) }
        }
        func change(_ id: Int32, by step: Int32) {
            (changed[Int(id)], delta[Int(id)]) = (true, delta[Int(id)] + step)
            mark(bucketOf[Int(id)])
        }
        // Each paper of this build by its key, made when first asked (`keptWords`).
        var papersNow: (table: KeyTable, starts: [Int])?
        /// The kept paper's words at `number`, or nil with their buckets marked `unknown`; nil
        /// for the init when neither is known.
        func keptWords(at number: Int) -> Set<Int32>?? {
            let key = kept.keys[number]
            if let k = words.kept.papers[key] { return Set(words.kept.range(of: k).map { words.kept.terms[$0] }) }
            // A paper counted anew since the words were kept (`kept.recent` has its buckets) that
            // this build has too, by the same key, had the words it has: the key is made from
            // all its words are counted from. (Undated papers go by their listing's name: a
            // listing named before the last one moves that one's papers along. Known by their
            // buckets alone, they made every word of those buckets again, and every vocabulary
            // file: at 100k papers, the index of a second 150-paper listing took 1.37–1.44 s,
            // now 0.82–0.97 s, as the first's.)
            if papersNow == nil {
                let starts = chunks.reduce(into: [0]) { $0.append($0.last! + $1.papers.count) }
                papersNow = (KeyTable(paperKeys), starts)
            }
            if let (table, starts) = papersNow, let place = table.place(of: key) {
                let c = starts.partitioningIndex { $0 > place } - 1
                let chunk = chunks[c]
                return Set(chunk.papers.range(of: place - starts[c]).map { chunk.terms[$0] })
            }
            guard let recent = kept.recent[key] else { return nil }
            for bucket in recent {
                unknown[Int(bucket)] = true
                mark(Int(bucket))
            }
            return .some(nil)
        }
        // The papers whose words changed, at their numbers: what came and left is counted
        // first, and each word's entries gathered once it is known which words are made.
        var moves: [(chunk: Int32, paper: Int32, number: Int32)] = []
        var number = 0
        for (c, chunk) in chunks.enumerated() {
            for p in 0..<chunk.papers.count {
                defer { number += 1 }
                guard number >= keptPapers || chunk.keys[p] != kept.keys[number] else { continue }
                var had: Set<Int32> = []
                if number < keptPapers {
                    guard let known = keptWords(at: number) else { return nil }
                    had = known ?? []
                }
                for i in chunk.papers.range(of: p) {
                    let id = chunk.terms[i]
                    if had.remove(id) != nil { mark(bucketOf[Int(id)]) } else { change(id, by: 1) }
                }
                for id in had { change(id, by: -1) }  // (gone from the paper)
                moves.append((Int32(c), Int32(p), Int32(number)))
                guard marked * 2 <= termBuckets else { return nil }
            }
        }
        let gone = min(papers, keptPapers)..<keptPapers
        for number in gone {
            guard let known = keptWords(at: number) else { return nil }
            for id in known ?? [] { change(id, by: -1) }
        }
        guard marked * 2 <= termBuckets else { return nil }
        // A word papers came to or left is made unless its IDF is as it was. (In a bucket whose
        // words then are not all known, every word is made: who came and left is not known.)
        func sameIDF(_ id: Int) -> Bool {
            let then = df[id] - delta[id]
            return df[id] > 0 && then > 0 && SearchIndexBuilder.dfForIDF(then) == SearchIndexBuilder.dfForIDF(df[id])
        }
        let making = names.indices.map { unknown[bucketOf[$0]] || changed[$0] && !sameIDF($0) }
        (self.making, self.buckets, self.bucketOf, wordsKnown) = (making, buckets, bucketOf, !unknown.contains(true))
        moved = names.indices.map { making[$0] || changed[$0] }
        // Each patched word's entries now at the numbers that changed (the paper had it, or
        // came to it), and the numbers of the papers that left it.
        var patched: [Int: [Entry]] = [:], removed: [Int: [Int32]] = [:]
        for (c, p, number) in moves {
            var had = Int(number) < keptPapers ? (keptWords(at: Int(number)) ?? nil) ?? [] : []
            let chunk = chunks[Int(c)]
            for i in chunk.papers.range(of: Int(p)) {
                let id = Int(chunk.terms[i])
                had.remove(Int32(id))
                if !making[id] { patched[id, default: []].append(Entry(chunk: c, entry: Int32(i), paper: p, number: number)) }
            }
            for id in had where !making[Int(id)] { removed[Int(id), default: []].append(number) }
        }
        for number in gone {
            for id in (keptWords(at: number) ?? nil) ?? [] where !making[Int(id)] { removed[Int(id), default: []].append(Int32(number)) }
        }
        (self.patched, self.removed) = (patched, removed)
        fromSite = names.indices.filter { buckets[bucketOf[$0]] && !making[$0] }
    }
}

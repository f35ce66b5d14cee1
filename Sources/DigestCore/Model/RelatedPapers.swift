import Algorithms

/// The papers most like each paper: cosine similarity of TF-IDF vectors over title and
/// abstract. Scores come from an inverted index — a paper meets only the papers that share
/// one of its terms — and pruned three ways, which keeps it near-linear at 100k papers
/// instead of comparing all pairs: each paper keeps only its strongest terms, each term
/// keeps only the papers where it weighs most, and terms in over half the papers are dropped.
public enum RelatedPapers {
    static let termsPerPaper = 24
    static let postingsPerTerm = 256
    static let titleWeight: Float = 3
    /// Papers kept after each list, beside it, for the next build (`Made.runners`).
    static let runnersKept = Runners.scalarCount

    /// `termCache`: where to keep each paper's terms for the next time (`RelatedCache.Terms`),
    /// and whether to take those kept there the last time; `textKeys`, what they are kept
    /// under (`KeptWords.textKeys`), when the caller has them.
    public static func compute(_ papers: [Paper], count: Int = 5, termCache: (path: String, useCached: Bool)? = nil,
                               textKeys: [UInt64]? = nil) -> [[Int]] {
        make(papers, count: count, termCache: termCache, textKeys: textKeys).lists
    }

    /// Each paper's list, with what it was made from (`Made`); the lists of `previous` (the
    /// last `make`'s) taken again where scoring them would give the same (`RelatedReuse`), and
    /// only the other papers scored.
    static func make(_ papers: [Paper], count: Int = 5, termCache: (path: String, useCached: Bool)? = nil,
                     textKeys: [UInt64]? = nil, paperKeys: [UInt64]? = nil, reusing previous: Made? = nil) -> Made {
        let keys = paperKeys ?? Self.paperKeys(papers)
        let texts = textKeys ?? KeptWords.textKeys(papers)
        let then = previous.flatMap { placesThen($0, keys: keys) }
        let (vectors, termKeys, df, taken) = vectors(papers, termCache: termCache, textKeys: texts,
                                             before: previous.flatMap { made in then.map { (made, $0.was) } })
        let kept = termKeys.count
        // Each term's postings in paper order, grouped by a counting sort (an array per term,
        // appended to, was a fifth of a second at 100k papers on one core).
        let termStarts: [Int] = {
            var starts = [Int](repeating: 0, count: kept + 1)
            for term in vectors.terms { starts[Int(term) + 1] += 1 }
            for term in 0..<kept { starts[term + 1] += starts[term] }
            return starts
        }()
        let (docsByTerm, weightsByTerm): ([Int32], [Float]) = {
            var fill = termStarts
            var docs = [Int32](repeating: 0, count: termStarts[kept]), weights = [Float](repeating: 0, count: termStarts[kept])
            for doc in 0..<vectors.count {
                for k in vectors.range(doc) {
                    let term = Int(vectors.terms[k])
                    (docs[fill[term]], weights[fill[term]]) = (Int32(doc), vectors.weights[k])
                    fill[term] += 1
                }
            }
            return (docs, weights)
        }()
        // The strongest of a common term's, best first, on every core, without sorting a list
        // of tens of thousands to keep 256 of it. Each posting is chosen by one number
        // (`strength`), compared as numbers are, not through a closure reading two arrays:
        // 3,500 terms' choices were 0.33 billion instructions of every rebuild at 100k papers.
        let strongest = ParallelMap.batched(kept, batch: 1024) { term -> [Int]? in
            let postings = termStarts[term]..<termStarts[term + 1]
            guard postings.count > postingsPerTerm else { return nil }
            let strengths = weightsByTerm.withUnsafeBufferPointer { weights in
                [UInt64](unsafeUninitializedCapacity: postings.count) { out, count in
                    for k in postings { out[k - postings.lowerBound] = strength(weight: weights[k], place: k - postings.lowerBound) }
                    count = postings.count
                }
            }
            return Selection.smallest(postingsPerTerm, of: strengths).map { postings.lowerBound + Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: $0)) }
        }

        // Postings side by side in two flat arrays, read without bounds checks: this loop
        // runs about 6,000 times per paper.
        var starts = [0], docs32: [Int32] = [], weights: [Float] = []
        docs32.reserveCapacity(docsByTerm.count)
        weights.reserveCapacity(docsByTerm.count)
        for term in 0..<kept {
            if let best = strongest[term] {
                for k in best { docs32.append(docsByTerm[k]); weights.append(weightsByTerm[k]) }
            } else {
                docs32 += docsByTerm[termStarts[term]..<termStarts[term + 1]]
                weights += weightsByTerm[termStarts[term]..<termStarts[term + 1]]
            }
            starts.append(docs32.count)
        }

        let (docVectors, postingStarts, postingDocs, postingWeights) = (vectors, starts, docs32, weights)
        // What each list is made from, and which lists the last `make` left as they are.
        var made = Made(lists: [], count: count, papers: keys, texts: texts, vectors: vectors, df: df, bars: [], ceilings: [],
                        postings: Postings(terms: termKeys, ends: Array(starts.dropFirst()), papers: docs32.map { keys[Int($0)] }, weights: weights))
        let reused = previous.map {
            reusable($0, made: made, docs: docs32, holders: Holders(starts: termStarts, papers: docsByTerm, weights: weightsByTerm), then: then, taken: taken)
        } ?? Array(repeating: nil, count: papers.count)

        // Each paper's neighbours are independent of the others': score them on all cores,
        // a slice of papers per task with its own score array.
        let chunks = max(1, min(papers.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        let parts = ParallelMap.run(chunks) { chunk -> (lists: [[Int]], bars: [Float], ceilings: [Float], runners: [Int32], beyond: [Float]) in
            let range = (papers.count * chunk / chunks)..<(papers.count * (chunk + 1) / chunks)
            var scores = [Float](repeating: 0, count: papers.count)
            var out: [[Int]] = [], bars: [Float] = [], ceilings: [Float] = [], runners: [Int32] = [], beyond: [Float] = []
            out.reserveCapacity(range.count)
            bars.reserveCapacity(range.count)
            ceilings.reserveCapacity(range.count)
            runners.reserveCapacity(range.count * runnersKept)
            beyond.reserveCapacity(range.count)
            func keep(runners theirs: Runners) {
                for i in 0..<runnersKept { runners.append(theirs[i]) }
            }
            scores.withUnsafeMutableBufferPointer { scores in
                postingDocs.withUnsafeBufferPointer { postingDocs in
                    postingWeights.withUnsafeBufferPointer { postingWeights in
                        for doc in range {
                            if let kept = reused[doc] {
                                out.append(kept.list)
                                bars.append(kept.bar)
                                ceilings.append(kept.ceiling)
                                keep(runners: kept.runners)
                                beyond.append(kept.beyond)
                                continue
                            }
                            // Scores added up first, with nothing else in the loop: a count of
                            // the papers met, kept beside them, made each step wait on the
                            // score read before it. (The paper meets itself too.)
                            let vector = docVectors.range(doc)
                            for v in vector {
                                let (term, weight) = (Int(docVectors.terms[v]), docVectors.weights[v])
                                for k in postingStarts[term]..<postingStarts[term + 1] {
                                    scores[Int(postingDocs[k])] += weight * postingWeights[k]
                                }
                            }
                            // Then the same postings again: each paper met is weighed once, at its
                            // first posting, and its score cleared for the next paper.
                            var best = BestScores(count, runners: runnersKept)
                            for v in vector {
                                let term = Int(docVectors.terms[v])
                                for k in postingStarts[term]..<postingStarts[term + 1] {
                                    let other = Int(postingDocs[k])
                                    let score = scores[other]
                                    guard score != 0 else { continue }
                                    scores[other] = 0
                                    if other != doc { best.offer(other, score) }
                                }
                            }
                            out.append(best.list)
                            bars.append(best.bar)
                            ceilings.append(best.ceiling)
                            keep(runners: best.runners)
                            beyond.append(best.beyond)
                        }
                    }
                }
            }
            return (out, bars, ceilings, runners, beyond)
        }
        made.lists = parts.flatMap(\.lists)
        made.bars = parts.flatMap(\.bars)
        made.ceilings = parts.flatMap(\.ceilings)
        made.runners = parts.flatMap(\.runners)
        made.beyond = parts.flatMap(\.beyond)
        return made
    }

    /// A posting's strength as one number that orders as `Selection.best` should choose: the
    /// heavier first, and of equal weights the one from the lower place in its term's postings,
    /// which hold papers in ascending order (so the lower paper). A weight is never negative,
    /// and the bits of floats that are not order as their values do.
    static func strength(weight: Float, place: Int) -> UInt64 {
        Selection.rank(weight.bitPattern, place: place)
    }

    /// Each paper's strongest terms with their TF-IDF weights, normalised; the terms kept, by
    /// id (their `termKey`s), and each one's count of papers; per paper, whether its vector is
    /// the one it had in `before`, taken from there (`taken`). Terms are counted per chunk of
    /// papers into the chunk's own table, then given ids across chunks: a String and a seeded
    /// hash per word was most of this stage. The chunks' counts are let go when this returns,
    /// before the scoring. `before`: the last `make` and each paper's place in it (`placesThen`),
    /// whose vectors are taken again where they would be made the same (at 100k papers, a title
    /// edit's rebuild made 10M weights, with a logarithm each, to change a few hundred vectors).
    static func vectors(_ papers: [Paper], termCache: (path: String, useCached: Bool)? = nil, textKeys texts: [UInt64],
                        before: (made: Made, was: [Int?])? = nil) -> (vectors: Vectors, kept: [UInt64], df: [Int32], taken: [Bool]) {
        var cached = termCache.flatMap { $0.useCached ? RelatedCache.Terms.read($0.path) : nil }
        let keys = termCache == nil ? nil : texts
        var chunks = ParallelMap.runs(of: papers) { [cached] in ChunkTerms($0, cached: cached, keys: keys) }
        // The kept terms first, then each chunk's in run order; every entry then holds its
        // term's id in this table. (A kept term no paper has now is there with a count of 0.)
        let (table, counts) = KeptWords.merge(&chunks, kept: cached?.kept)
        let df = counts.map(Int.init)
        // The kept terms' file is mapped (90 MB at 100k papers) and held to the end of the
        // scope; the chunks have what they took from it, so it is let go here.
        let keptPapers = cached?.kept.paperCount
        cached = nil
        if let termCache, RelatedCache.Terms.isStale(kept: keptPapers, counted: chunks.reduce(0) { $0 + $1.origins.counted.count }, papers: papers.count, df: df) {
            RelatedCache.Terms.write(chunks, words: table.words, df: df, to: termCache.path)
        }
        let names = table.names()
        let n = Float(papers.count)
        let maxDF = max(2, papers.count / 2)
        // Term ids, assigned in sorted order for determinism; -1 for terms left out.
        var termID = [Int](repeating: -1, count: names.count)
        var kept: [UInt64] = [], keptDF: [Int32] = []
        // (Terms left out before the sort, not after: it compares Strings.)
        for term in names.indices.filter({ df[$0] >= 2 && df[$0] <= maxDF }).sorted(by: { names[$0] < names[$1] }) {
            termID[term] = kept.count
            kept.append(termKey(names[term]))
            keptDF.append(Int32(df[term]))
        }
        // With the same count of papers and the same terms kept (so the same ids), the terms
        // whose count of papers moved: a paper with none of them, and its text as it was, has
        // the vector it had.
        let moved: [Bool]? = before.flatMap { before in
            let then = before.made
            guard then.papers.count == papers.count, then.postings.terms == kept else { return nil }
            return zip(then.df, keptDF).map { $0 != $1 }
        }

        // The logarithms once per term and per count, not per entry (10M of each at 100k papers,
        // all made again when the count of papers moved): the same calls, so the same bits.
        let idfs = df.indices.map { termID[$0] >= 0 ? logf(n / Float(df[$0])) : 0 }
        let tfWeights = (0..<256).map { 1 + logf(Float($0)) }
        // Per term of the table, whether it is kept and its count of papers moved: one flag
        // looked up per entry (its id, then the flag, checked at each of 10M entries, were 3% of
        // an edit's rebuild at 100k papers).
        let movedTerm = moved.map { moved in termID.map { $0 >= 0 && moved[$0] } }
        let (ids, made) = (termID, chunks)
        let vectors = ParallelMap.run(made.count) { c -> (vectors: Vectors, taken: [Bool]) in
            let chunk = made[c]
            var vectors = Vectors(ends: [], terms: [], weights: [])
            var taken = [Bool](repeating: false, count: chunk.papers.count)
            // Per paper, whether it has a term whose count of papers moved.
            let touched = movedTerm.map { movedTerm in
                chunk.terms.withUnsafeBufferPointer { terms in
                    movedTerm.withUnsafeBufferPointer { moved in
                        (0..<chunk.papers.count).map { d in chunk.papers.range(of: d).contains { moved[Int(terms[$0])] } }
                    }
                }
            }
            // Each paper's terms as one number each (`Selection.rank` of the weight's bits and
            // the term: a weight above 0 orders as its bits do), the best put first in one array
            // kept for the run: as (term, weight) pairs in an array per paper, kept best by a
            // comparison through a closure, they were 24k instructions a paper, all made again
            // at 100k papers when a listing moved the count of papers.
            // (Written into room made once for the chunk's longest paper, not appended: an append
            // checks the array's storage, 10M of them when every vector is made again.)
            var ranked = [UInt64](repeating: 0, count: (0..<chunk.papers.count).reduce(0) { max($0, chunk.papers.range(of: $1).count) })
            func unranked(_ rank: UInt64) -> (term: Int, weight: Float) {
                (Int(UInt32(truncatingIfNeeded: rank)), Float(bitPattern: ~UInt32(truncatingIfNeeded: rank >> 32)))
            }
            // (The chunk's terms and counts read through buffers: each subscript of a
            // `ChunkEntries` asks whether it is viewed in the kept file, two for each of 10M
            // entries when a listing makes every vector again.)
            chunk.terms.withUnsafeBufferPointer { terms in
            chunk.tfs.withUnsafeBufferPointer { tfs in
            ranked.withUnsafeMutableBufferPointer { ranked in
                for d in 0..<chunk.papers.count {
                    if let touched, !touched[d], let before, let o = before.was[chunk.first + d], before.made.texts[o] == texts[chunk.first + d] {
                        vectors.append(paper: o, of: before.made.vectors)
                        taken[d] = true
                        continue
                    }
                    var (count, positive) = (0, true)
                    for k in chunk.papers.range(of: d) {
                        let term = Int(terms[k])
                        guard ids[term] >= 0 else { continue }
                        let tf = tfs[k]
                        // (Whether a count is whole, told by converting it: `rounded()` is a call of
                        // libm's roundf, 11M of them when every vector is made again.)
                        let weight = (tf >= 0 && tf < 256 && Float(Int(tf)) == tf ? tfWeights[Int(tf)] : 1 + logf(tf)) * idfs[term]
                        positive = positive && weight > 0
                        ranked[count] = Selection.rank(weight.bitPattern, place: ids[term])
                        count += 1
                    }
                    let paper = UnsafeMutableBufferPointer(rebasing: ranked[0..<count])
                    var v: [(term: Int, weight: Float)]
                    if positive {
                        Selection.smallestFirst(termsPerPaper, in: paper)
                        v = paper.prefix(termsPerPaper).map(unranked)
                    } else {
                        // (A weight of 0 or below, which no count of at least 1 gives: by comparison.)
                        v = paper.map(unranked)
                        v = top(termsPerPaper, of: v) { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
                    }
                    let norm = sqrtf(v.reduce(0) { $0 + $1.weight * $1.weight })
                    if norm > 0 { vectors.append(v.lazy.map { ($0.term, $0.weight / norm) }) } else { vectors.append([]) }
                }
            }
            }
            }
            return (vectors, taken)
        }
        return (Vectors(joining: vectors.map(\.vectors)), kept, keptDF, vectors.flatMap(\.taken))
    }

    /// The `count` papers with the highest scores offered, best first (ties by index), as
    /// `top` keeps them, with the scores beside them, the next `runners` after them and the
    /// next best paper's score: past the first few, most papers offered cost one comparison
    /// with the last one kept, and no lookup of its score.
    struct BestScores {
        private var papers: [Int] = []
        private var scores: [Float] = []
        private let count: Int
        /// One more than the list and its runners: the first paper left out is the ceiling of
        /// all left out.
        private let keeping: Int

        init(_ count: Int, runners: Int = 0) {
            (self.count, keeping) = (count, count + runners + 1)
            papers.reserveCapacity(keeping + 1)
            scores.reserveCapacity(keeping + 1)
        }

        /// The papers kept, best first.
        var list: [Int] { Array(papers.prefix(count)) }

        /// The score of the last paper kept: the bar another must pass to enter (0 with none).
        var bar: Float {
            let kept = min(count, scores.count)
            return kept == 0 ? 0 : scores[kept - 1]
        }

        /// The best score of a paper left out (0 with none): none left out scores more.
        var ceiling: Float { scores.count > count ? scores[count] : 0 }

        /// The papers after the list, best first.
        var runners: Runners { Runners(papers: papers.dropFirst(count).prefix(keeping - count - 1)) }

        /// The best score of a paper out of the list and its runners (0 with none).
        var beyond: Float { scores.count == keeping ? scores[keeping - 1] : 0 }

        @inline(__always)
        mutating func offer(_ paper: Int, _ score: Float) {
            if papers.count == keeping {
                guard let last = scores.last, score > last || (score == last && paper < papers[keeping - 1]) else { return }
            }
            var at = papers.count
            while at > 0, score > scores[at - 1] || (score == scores[at - 1] && paper < papers[at - 1]) { at -= 1 }
            papers.insert(paper, at: at)
            scores.insert(score, at: at)
            if papers.count > keeping {
                papers.removeLast()
                scores.removeLast()
            }
        }
    }

    /// `candidates.sorted(by: better).prefix(count)` for an order without ties, keeping only the
    /// best `count` as it goes: past the first few, most candidates cost one comparison. (A
    /// paper's terms, ~100, were sorted whole to keep 24: 0.65 s of CPU at 100k papers.)
    @inline(__always)
    static func top<T>(_ count: Int, of candidates: some Sequence<T>, by better: (T, T) -> Bool) -> [T] {
        var best: [T] = []
        best.reserveCapacity(count + 1)
        for c in candidates {
            if best.count == count, let last = best.last, !better(c, last) { continue }
            let at = best.firstIndex { better(c, $0) } ?? best.count
            best.insert(c, at: at)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    static let stopwords: Set<String> = [
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "from", "at", "as", "is", "are",
        "was", "were", "be", "been", "this", "that", "these", "those", "we", "our", "it", "its", "their", "which",
        "can", "not", "but", "also", "such", "than", "more", "most", "into", "via", "has", "have", "how", "what",
        "when", "while", "however", "both", "each", "other", "between", "through", "over", "under", "all", "new",
        "show", "shows", "propose", "proposed", "paper", "approach", "method", "methods", "results", "use", "using",
        "based", "work", "well", "only", "two", "one", "first", "existing", "different", "without", "significant",
        "significantly", "performance", "model", "models", "task", "tasks", "data", "learning", "further",
    ]

    /// The terms of a run of papers and each paper's counts of them; title terms count
    /// `titleWeight` times. Kept flat, paper after paper (an array per paper, each with the
    /// capacity of the longest before it, was 8 bytes of every ~16 at 100k papers).
    struct ChunkTerms: TokenSink, WordChunk {
        /// The chunk's terms; the entries it counted hold ids into it, those taken from the
        /// terms kept by the last build their ids there (`origins`), until `KeptWords.merge`
        /// makes them all ids into the build's table.
        var table = TermTable()
        /// Paper `p`'s terms are `terms[papers.range(of: p)]`, each once, with their counts in `tfs`.
        var terms = ChunkEntries<Int32>()
        private(set) var origins = KeptWords.Origins()
        private(set) var tfs = ChunkEntries<Float>()
        private(set) var papers = PaperEntries()
        /// Each paper's `KeptWords.textKey`, when its terms are kept for the next time.
        private(set) var keys: [UInt64] = []
        /// The first paper's index in the build's papers.
        let first: Int
        private var slot: [Int32] = []  // per term: where it is in the current paper's list, or -1
        private var start = 0
        private var weight: Float = 1

        /// The terms of `papers`, each paper's taken from `cached` when its title and abstract
        /// are the same as when they were kept. `keys`: every paper's `KeptWords.textKey`, by
        /// its index (the slice's), when the terms are to be kept.
        init(_ papers: ArraySlice<Paper>, cached: RelatedCache.Terms? = nil, keys: [UInt64]? = nil) {
            first = papers.startIndex
            // Each paper's place in the kept terms, when they have it: the chunk is made room
            // for what it takes from there at once.
            let found = cached.flatMap { cached in keys.map { keys in papers.indices.map { cached.kept.papers[keys[$0]] } } }
            if let cached, let found {
                let entries = cached.kept.entries(found, new: 128)
                terms.reserveCapacity(entries)
                tfs.reserveCapacity(entries)
            }
            var run = KeptWords.Run()
            for (n, i) in papers.indices.enumerated() {
                if let key = keys?[i] {
                    self.keys.append(key)
                    if let cached, let k = found?[n] {
                        if let ended = run.add(k) { addKept(ended, of: cached) }
                        continue
                    }
                }
                if let cached { addKept(run.end(), of: cached) }
                weight = titleWeight
                forEachTerm(papers[i].title, into: &self)
                weight = 1
                forEachTerm(papers[i].abstract, into: &self)
                for id in terms[start...] { slot[Int(id)] = -1 }
                origins.count(paper: self.papers.count)
                self.papers.close(at: terms.count)
                start = terms.count
            }
            if let cached { addKept(run.end(), of: cached) }
        }

        /// Papers `kept` of `cached`, one after another there: their entries taken whole (read
        /// where the file is, when they are the chunk's first: `ChunkEntries`), each term as its
        /// id there, not looked up in this chunk's table (a lookup per paper's term was most of
        /// a title edit's 0.23 CPU-s here at 100k papers).
        private mutating func addKept(_ kept: Range<Int>, of cached: RelatedCache.Terms) {
            guard let last = kept.last else { return }
            let range = cached.kept.range(of: kept.lowerBound).lowerBound..<cached.kept.range(of: last).upperBound
            let shift = terms.count - range.lowerBound
            origins.take(kept)
            terms.append(kept: cached.kept.terms, range)
            tfs.append(kept: cached.tfs, range)
            for k in kept { papers.close(at: cached.kept.range(of: k).upperBound + shift) }
            start = terms.count
        }

        mutating func take(_ term: UnsafeBufferPointer<UInt8>) {
            let id = Int(table.id(term))
            if id == slot.count { slot.append(-1) }
            if slot[id] < 0 {
                slot[id] = Int32(terms.count)
                terms.append(Int32(id))
                tfs.append(0)
            }
            tfs[Int(slot[id])] += weight
        }
    }

    /// The terms of `text` — the words of its identity key longer than two characters, plurals
    /// stemmed, stop words left out — as UTF-8 bytes into `sink`. ASCII keys (most) are split
    /// and stemmed on bytes, where a byte is a Character, with the same answers as
    /// `generalTerms` (`ModelTests` compares them on the sample's titles and abstracts).
    static func forEachTerm<Sink: TokenSink>(_ text: String, into sink: inout Sink) {
        var key = TextNormalization.identityKey(text)
        let ascii: Bool = key.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            guard !bytes.isEmpty else { return true }
            // Each word is stemmed in one scratch buffer, not an array emptied and grown per word.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
                let word = scratch.baseAddress!, key = bytes.baseAddress!
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                    if end - start > 2 {
                        word.update(from: key + start, count: end - start)
                        let term = UnsafeBufferPointer(start: word, count: stemASCII(word, end - start))
                        if stopTable.find(term) == nil { sink.take(term) }
                    }
                    start = end + 1
                }
            }
            return true
        }
        if ascii { return }
        for var term in generalTerms(key) { term.withUTF8 { sink.take($0) } }
    }

    /// The terms of an identity key, on Characters.
    static func generalTerms(_ key: String) -> [String] {
        key.split(separator: " ").filter { $0.count > 2 }.map { stem(String($0)) }.filter { !stopwords.contains($0) }
    }

    static let stopTable: TermTable = {
        var table = TermTable()
        for word in stopwords { _ = table.id(word) }
        return table
    }()

    /// `stem`, on the bytes of an ASCII word, in place: the word's new length.
    static func stemASCII(_ word: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
        guard n > 0, word[n - 1] == UInt8(ascii: "s") else { return n }
        if n > 4, word[n - 3] == UInt8(ascii: "i"), word[n - 2] == UInt8(ascii: "e") {
            word[n - 3] = UInt8(ascii: "y")
            return n - 2
        }
        return n > 3 && word[n - 2] != UInt8(ascii: "s") ? n - 1 : n
    }

    /// Plural and a few common endings, so `models` meets `model`.
    static func stem(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 { return String(word.dropLast()) }
        return word
    }
}

import Foundation

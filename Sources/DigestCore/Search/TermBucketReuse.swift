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
    /// Per word (merged id): its postings are made, as its bucket is.
    let making: [Bool]
    /// Per bucket: made again.
    let buckets: [Bool]

    /// Nil when the count the IDFs are made from, the averages or the count of buckets moved,
    /// the words changed in more than half the buckets (making them all costs little more),
    /// or the words of a paper the last build had at a number are not known. `chunks`: this
    /// build's words, merged (`merge`), with each paper's key; `words`, the words kept (by key:
    /// the last build's papers are there, or in `kept.recent`); `kept`, what the last build's
    /// index was made from.
    init?(_ chunks: [SearchIndexBuilder.Chunk], names: [String],
          words: SearchTermCache.Terms, kept: SearchTermCache.Index, termBuckets: Int, averages: [Double]) {
        let papers = chunks.reduce(0) { $0 + $1.papers.count }, keptPapers = kept.keys.count
        guard kept.termBuckets == termBuckets, SearchIndexBuilder.countForIDF(keptPapers) == SearchIndexBuilder.countForIDF(papers),
              kept.averages == averages, chunks.allSatisfy({ $0.keys.count == $0.papers.count }) else { return nil }

        // The words at each number whose paper's words changed: the kept paper's, whose ids
        // in the kept words are theirs in the merged words (`KeptWords.merge`), or, for a paper
        // counted anew since the words were kept, their buckets; and this one's.
        var changed = [Bool](repeating: false, count: names.count)
        var buckets = [Bool](repeating: false, count: termBuckets)
        func keptWordsChanged(at number: Int) -> Bool {
            let key = kept.keys[number]
            if let k = words.kept.papers[key] {
                for i in words.kept.range(of: k) { changed[Int(words.kept.terms[i])] = true }
            } else if let recent = kept.recent[key] {
                for bucket in recent { buckets[Int(bucket)] = true }
            } else {
                return false
            }
            return true
        }
        var number = 0
        for chunk in chunks {
            for p in 0..<chunk.papers.count {
                defer { number += 1 }
                guard number >= keptPapers || chunk.keys[p] != kept.keys[number] else { continue }
                for i in chunk.papers.range(of: p) { changed[Int(chunk.terms[i])] = true }
                if number < keptPapers && !keptWordsChanged(at: number) { return nil }
            }
        }
        for gone in min(papers, keptPapers)..<keptPapers where !keptWordsChanged(at: gone) { return nil }
        let bucketOf = names.map { SearchLayout.bucket($0, of: termBuckets) }
        for id in names.indices where changed[id] { buckets[bucketOf[id]] = true }
        guard buckets.lazy.filter({ $0 }).count * 2 <= termBuckets else { return nil }
        self.buckets = buckets
        making = names.indices.map { buckets[bucketOf[$0]] }
    }
}

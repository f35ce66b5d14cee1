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
    /// or the words changed in more than half the buckets (making them all costs little more).
    /// `chunks`: this build's words, merged (`merge`), with each paper's key; `kept`: the
    /// last build's.
    init?(_ chunks: [SearchIndexBuilder.Chunk], _ merged: SearchIndexBuilder.Merged, names: [String],
          kept: SearchTermCache.Terms, termBuckets: Int, averages: [Double]) {
        let papers = chunks.reduce(0) { $0 + $1.papers.count }, keptPapers = kept.kept.keys.count
        guard kept.termBuckets == termBuckets, SearchIndexBuilder.countForIDF(keptPapers) == SearchIndexBuilder.countForIDF(papers),
              chunks.allSatisfy({ $0.keys.count == $0.papers.count }) else { return nil }
        var sums = [Double](repeating: 0, count: SearchIndexBuilder.fieldCount)
        for p in 0..<keptPapers { for f in sums.indices { sums[f] += Double(kept.lengthList[p * sums.count + f]) } }
        guard SearchIndexBuilder.averages(sums, papers: keptPapers) == averages else { return nil }

        // The words at each number whose paper's words changed: the kept paper's, as ids in
        // the merged words, and this one's.
        var changed = [Bool](repeating: false, count: names.count)
        func keptWordsChanged(at number: Int) {
            for i in kept.kept.range(of: number) { changed[Int(merged.keptIDs[Int(kept.kept.terms[i])])] = true }
        }
        var number = 0
        for chunk in chunks {
            for p in 0..<chunk.papers.count {
                defer { number += 1 }
                guard number >= keptPapers || chunk.keys[p] != kept.kept.keys[number] else { continue }
                for i in chunk.papers.range(of: p) { changed[Int(chunk.terms[i])] = true }
                if number < keptPapers { keptWordsChanged(at: number) }
            }
        }
        for gone in min(papers, keptPapers)..<keptPapers { keptWordsChanged(at: gone) }
        var buckets = [Bool](repeating: false, count: termBuckets)
        let bucketOf = names.map { SearchLayout.bucket($0, of: termBuckets) }
        for id in names.indices where changed[id] { buckets[bucketOf[id]] = true }
        guard buckets.lazy.filter({ $0 }).count * 2 <= termBuckets else { return nil }
        self.buckets = buckets
        making = names.indices.map { buckets[bucketOf[$0]] }
    }
}

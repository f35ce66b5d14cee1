import Foundation

/// The related papers the last build made, in `.digest-cache/related.bin`, under the hash of
/// all they are made from: every paper's title and abstract, in the model's order (which breaks
/// ties), and the `digest` that made them. An edit that leaves those alone — tags, authors,
/// venue, a date that keeps the order — takes them from here: at 100k papers making them is
/// 3.5 s of a rebuild, the hash 0.1 s. Beside them, what each list was made from
/// (`RelatedPapers.Made`): an edit to a title or abstract scores again only the papers whose
/// lists it can change.
enum RelatedCache {
    static let version = CacheFile.ofThisDigest("digest-related-cache 6 " + SiteBuild.version)

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/related.bin") }

    /// Each paper's terms (`Terms`), beside the lists.
    static func termsPath(_ site: SitePaths) -> String { site.path(".digest-cache/related-terms.bin") }

    /// The related papers of `papers` (in the model's order): the cached lists when they were
    /// made from the same, else made — taking again the lists the last build made from the
    /// same vectors and postings — and kept for the next build, from the terms kept at
    /// `termsPath` for the papers whose title and abstract are the same as then. `textKeys`:
    /// the papers' `KeptWords.textKeys`, and `paperKeys` their `RelatedPapers.paperKeys`, when
    /// the build has them already.
    static func lists(_ papers: [Paper], textKeys: [UInt64]? = nil, paperKeys: [UInt64]? = nil, path: String, termsPath: String? = nil,
                      useCached: Bool) -> [[Int]] {
        let (lists, keep) = listsToKeep(papers, textKeys: textKeys, paperKeys: paperKeys, path: path, termsPath: termsPath, useCached: useCached)
        keep?()
        return lists
    }

    /// The same, with the writing of what was made left to the caller (`keep`; nil when the
    /// lists were taken from the file): the build writes the 42 MB of a 100k site while it
    /// goes on with the pages, not before it has the lists.
    static func listsToKeep(_ papers: [Paper], textKeys: [UInt64]?, paperKeys: [UInt64]?, path: String, termsPath: String?,
                            useCached: Bool) -> (lists: [[Int]], keep: (@Sendable () -> Void)?) {
        let textKeys = textKeys ?? KeptWords.textKeys(papers)
        let key = key(textKeys: textKeys)
        let kept = useCached ? read(path) : nil
        if let kept, kept.key == key, kept.made.lists.count == papers.count { return (kept.made.lists, nil) }
        let made = RelatedPapers.make(papers, termCache: termsPath.map { ($0, useCached) }, textKeys: textKeys, paperKeys: paperKeys, reusing: kept?.made)
        return (made.lists, { write(made, key: key, to: path) })
    }

    /// (The file names the `digest` that made it: `read` takes only the running one's.)
    static func key(textKeys: [UInt64]) -> UInt64 {
        textKeys.withUnsafeBytes { ContextHash.of(bytes: $0) }
    }

    /// The lists kept, with the key of the texts they were made from; nil when there are none,
    /// another `digest` made them, or the file does not read whole as lists of its own papers.
    static func read(_ path: String) -> (key: UInt64, made: RelatedPapers.Made)? {
        guard var wire = CacheFile.read(path, version: version), let key = UInt64.read(from: &wire), let count = Int.read(from: &wire),
              let papers = RawWire.read(UInt64.self, from: &wire), let texts = RawWire.read(UInt64.self, from: &wire),
              let vectorEnds = RawWire.read(Int32.self, from: &wire), let vectorTerms = RawWire.read(Int32.self, from: &wire),
              let vectorWeights = RawWire.read(UInt32.self, from: &wire), let df = RawWire.read(Int32.self, from: &wire),
              let bars = RawWire.read(UInt32.self, from: &wire), let ceilings = RawWire.read(UInt32.self, from: &wire), let listEnds = RawWire.read(UInt32.self, from: &wire),
              let entries = RawWire.read(UInt32.self, from: &wire),
              let runners = RawWire.read(Int32.self, from: &wire), let beyond = RawWire.read(UInt32.self, from: &wire),
              let terms = RawWire.read(UInt64.self, from: &wire), let postingEnds = RawWire.read(UInt32.self, from: &wire),
              let postingPapers = RawWire.read(UInt64.self, from: &wire), let weights = RawWire.read(UInt32.self, from: &wire),
              wire.at == wire.count,
              texts.count == papers.count, vectorEnds.count == papers.count, RawWire.ends(vectorEnds, reach: vectorTerms.count),
              vectorWeights.count == vectorTerms.count, RawWire.ids(vectorTerms, below: terms.count), df.count == terms.count,
              bars.count == papers.count, ceilings.count == papers.count, listEnds.count == papers.count,
              RawWire.ends(listEnds, reach: entries.count), entries.allSatisfy({ $0 < papers.count }),
              runners.isEmpty || runners.count == papers.count * RelatedPapers.runnersKept, runners.allSatisfy({ $0 >= -1 && $0 < papers.count }),
              beyond.isEmpty || beyond.count == papers.count,
              postingEnds.count == terms.count, RawWire.ends(postingEnds, reach: postingPapers.count), weights.count == postingPapers.count
        else { return nil }
        var lists: [[Int]] = []
        lists.reserveCapacity(papers.count)
        var start = 0
        for end in listEnds.map(Int.init) {
            lists.append(entries[start..<end].map(Int.init))
            start = end
        }
        let postings = RelatedPapers.Postings(terms: terms, ends: postingEnds.map(Int.init), papers: postingPapers, weights: weights.map(Float.init(bitPattern:)))
        let vectors = RelatedPapers.Vectors(ends: vectorEnds, terms: vectorTerms, weights: vectorWeights.map(Float.init(bitPattern:)))
        return (key, RelatedPapers.Made(lists: lists, count: count, papers: papers, texts: texts, vectors: vectors, df: df,
                                        bars: bars.map(Float.init(bitPattern:)), ceilings: ceilings.map(Float.init(bitPattern:)), postings: postings,
                                        runners: runners, beyond: beyond.map(Float.init(bitPattern:))))
    }

    static func write(_ made: RelatedPapers.Made, key: UInt64, to path: String) {
        // The lists flattened and each one's end, in one pass. (Their counts read through a key
        // path, `lazy.map(\.count)`, were a call of 700 instructions for each of 100k lists.)
        var entries: [UInt32] = [], listEnds: [UInt32] = []
        entries.reserveCapacity(made.lists.count * made.count)
        listEnds.reserveCapacity(made.lists.count)
        for list in made.lists {
            for paper in list { entries.append(UInt32(paper)) }
            listEnds.append(UInt32(entries.count))
        }
        CacheFile.write(path, version: version) { (writer: inout CacheWriter) in
            key.write(to: &writer.bytes)
            made.count.write(to: &writer.bytes)
            try writer.raw(made.papers)
            try writer.raw(made.texts)
            try writer.raw(made.vectors.ends)
            try writer.raw(made.vectors.terms)
            try writer.raw(made.vectors.weights.map(\.bitPattern))
            try writer.raw(made.df)
            try writer.raw(made.bars.map(\.bitPattern))
            try writer.raw(made.ceilings.map(\.bitPattern))
            try writer.raw(listEnds)
            // (Flattened first: `raw` writes each array of its parts with a call of its own, and
            // 100k lists of five were as many writes.)
            try writer.raw(entries)
            try writer.raw(made.runners)
            try writer.raw(made.beyond.map(\.bitPattern))
            try writer.raw(made.postings.terms)
            try writer.raw(made.postings.ends.map(UInt32.init))
            try writer.raw(made.postings.papers)
            try writer.raw(made.postings.weights.map(\.bitPattern))
        }
    }

    /// Each paper's terms as `RelatedPapers.ChunkTerms` counted them (`KeptWords`), with their
    /// weighted counts: at 100k papers counting them was 2 of a title edit's 7 CPU-seconds of
    /// related papers. The weights are made anew from every paper's terms.
    struct Terms: Sendable {
        static let version = CacheFile.ofThisDigest("digest-related-terms 3 " + SiteBuild.version)
        let kept: KeptWords
        /// Each entry's weighted count, as its bits.
        let tfs: WireArray<UInt32>

        static func read(_ path: String) -> Terms? {
            guard var wire = CacheFile.read(path, version: version), let kept = KeptWords.read(from: &wire),
                  let tfs = RawWire.view(UInt32.self, from: &wire), wire.at == wire.count,
                  tfs.count == kept.terms.count else { return nil }
            return Terms(kept: kept, tfs: tfs)
        }

        /// Whether the terms kept (`kept`: for that many papers; nil, none) are worth writing
        /// again after a build that counted `counted` of its `papers` anew: more than one paper
        /// in 64 counted anew or gone from them, or a tenth of their words no paper has
        /// (`KeptWords.prunes`; `df` over the kept words and the new). Below that the next build
        /// counts those few again and finds the others by their text: a title edit at 100k
        /// papers wrote 92 MB here.
        static func isStale(kept: Int?, counted: Int, papers: Int, df: [Int]) -> Bool {
            guard let kept else { return true }
            return counted * 64 > papers || (kept - (papers - counted)) * 64 > kept || KeptWords.prunes(df: df)
        }

        /// The chunks' terms, ids into `words` (`KeptWords.merge`), each with its count of
        /// papers in `df` (the words no paper has are left out in time: `KeptWords.pruned`).
        static func write(_ chunks: [RelatedPapers.ChunkTerms], words: TermTable.Words, df: [Int], to path: String) {
            let (words, newIDs, df) = KeptWords.pruned(words, df: df)
            // Each run's ids mapped to the kept words' as it is written, one run at a time.
            let terms = chunks.lazy.map { chunk in newIDs.map { ids in chunk.terms.map { ids[Int($0)] } } ?? chunk.terms.array }
            CacheFile.write(path, version: version) { (writer: inout CacheWriter) in
                try KeptWords.write(words: words, runs: chunks.map { ($0.keys, $0.papers, $0.terms.count) }, terms: terms, df: df, to: &writer)
                try writer.raw(chunks.lazy.map { $0.tfs.map(\.bitPattern) }, count: chunks.reduce(0) { $0 + $1.terms.count })
            }
        }
    }
}

import Foundation

/// Each paper's words as a build counted them, kept in `.digest-cache/` for the next build
/// under a key per paper: a hash of the text they were counted from. What the search index's
/// words (`SearchTermCache`) and the related papers' (`RelatedCache`) have in common; each
/// keeps what it counts per word and per paper beside these arrays.
/// Paper `k`'s entries are `range(of: k)` of `terms`, ids into `table`.
struct KeptWords: Sendable {
    /// The words, each found by its id (`TermTable(distinct:)`): a build's table starts as this one.
    let table: TermTable
    /// Paper by key. Equal texts have equal words, so papers with the same text share an entry.
    let papers: [UInt64: Int]
    /// Each paper's key, in the order of the build that kept them (its papers' order).
    let keys: [UInt64]
    let ends: [Int32]
    /// (Read where the cache file is mapped: `RawWire.view`.)
    let terms: WireArray<Int32>
    /// Per word, how many of the papers here have it: a build's counts are these, moved by the
    /// few papers it did not take once (`df(taking:)`), not counted again over every entry.
    let df: [Int32]

    var paperCount: Int { ends.count }

    /// The hash of a paper's title and abstract: what its related-paper terms are kept under,
    /// and part of what its search words are (`SearchTermCache.key`). A build works it out
    /// once for every paper (`textKeys`), for both, and for the related papers' own key.
    static func textKey(of paper: Paper) -> UInt64 {
        var hash = ContextHash()
        hash.add(tag: 1, paper.title)
        paper.abstractText.withUTF8 { hash.add(tag: 2, utf8: $0) }
        return hash.value
    }

    static func textKeys(_ papers: [Paper]) -> [UInt64] {
        ParallelMap.run(papers.count) { textKey(of: papers[$0]) }
    }

    func range(of k: Int) -> Range<Int> { RawWire.range(k, in: ends) }

    /// How many entries papers `found` here have (nil: a paper not found, counted as `new`):
    /// what a build's chunk is made room for before it takes them.
    func entries(_ found: [Int?], new: Int) -> Int {
        found.reduce(0) { $0 + ($1.map { range(of: $0).count } ?? new) }
    }

    /// Papers taken from the kept words one after another, as the last build had them too,
    /// gathered into runs whose entries are copied at once: after an edit, all but the few
    /// papers it changed are a run. (Copied paper by paper, the entries of 100k papers were
    /// 0.2 CPU-s of an edit's rebuild for each of the index and the related papers.)
    struct Run {
        private var papers = 0..<0

        /// Adds kept paper `k`; the run it ends, when it does not follow the run's last.
        mutating func add(_ k: Int) -> Range<Int>? {
            if !papers.isEmpty, papers.upperBound == k {
                papers = papers.lowerBound..<(k + 1)
                return nil
            }
            defer { papers = k..<(k + 1) }
            return papers.isEmpty ? nil : papers
        }

        /// The run so far, ended (empty when there is none).
        mutating func end() -> Range<Int> {
            defer { papers = 0..<0 }
            return papers
        }
    }

    /// The words kept, from a file whose version names the running `digest` (another may count
    /// them otherwise: `CacheFile.ofThisDigest`); nil when they do not read whole as words of
    /// papers, every id and range in bounds and every word different: each is checked once here,
    /// so a build takes entries without a check of its own.
    static func read(from wire: inout WireReader) -> KeptWords? {
        guard let words = TermTable.Words.read(from: &wire), let keys = RawWire.read(UInt64.self, from: &wire),
              let ends = RawWire.read(Int32.self, from: &wire), let terms = RawWire.view(Int32.self, from: &wire),
              let df = RawWire.read(Int32.self, from: &wire),
              ends.count == keys.count, RawWire.ends(ends, reach: terms.count), df.count == words.count,
              terms.withUnsafeBufferPointer({ RawWire.ids($0, below: words.count) }) else { return nil }
        guard let table = TermTable(distinct: words) else { return nil }
        var papers: [UInt64: Int] = [:]
        papers.reserveCapacity(keys.count)
        for (k, key) in keys.enumerated() { papers[key] = k }
        return KeptWords(table: table, papers: papers, keys: keys, ends: ends, terms: terms, df: df)
    }

    /// The words to keep, each one's id among them by its id in `words` (nil: the same), and
    /// their counts of papers (`df`, per word of `words`). Words no paper has now (`df` 0: kept
    /// from an earlier build, found again by their ids there) stay until they are a tenth of
    /// the words, then are left out: until then each costs a build a lookup, and leaving them
    /// out maps every paper's entries to new ids.
    static func pruned(_ words: TermTable.Words, df: [some BinaryInteger]) -> (words: TermTable.Words, ids: [Int32]?, df: [Int32]) {
        guard prunes(df: df) else { return (words, nil, df.map { Int32($0) }) }
        let (live, ids) = words.keeping { df[$0] > 0 }
        return (live, ids, df.filter { $0 > 0 }.map { Int32($0) })
    }

    /// Whether the words no paper has (`df` 0, one count per word) are a tenth of them: then
    /// `pruned` leaves them out.
    static func prunes(df: [some BinaryInteger]) -> Bool {
        df.lazy.filter({ $0 == 0 }).count * 10 > df.count
    }

    /// Writes what `read` reads: the words, then per paper its key and where its entries end,
    /// then the entries' word ids (`terms`, one array per run of papers, ids into `words`), then
    /// each word's count of papers among them (`df`: the build's, `merge`; not counted again
    /// over every entry, which would make each run's ids twice).
    /// `runs`: each run's papers' keys, where each paper's entries end in the run, and its count
    /// of entries.
    static func write(words: TermTable.Words, runs: [(keys: [UInt64], papers: PaperEntries, entries: Int)],
                      terms: some Sequence<[Int32]>, df: [Int32], to writer: inout CacheWriter) throws {
        precondition(df.count == words.count, "a count of papers for every word")
        var ends: [Int32] = [], base = 0
        for run in runs {
            precondition(run.keys.count == run.papers.count, "every paper of a kept run has its key")
            for p in 0..<run.papers.count { ends.append(Int32(base + run.papers.range(of: p).upperBound)) }
            base += run.entries
        }
        try writer.raw(words)
        try writer.raw(runs.lazy.map(\.keys), count: ends.count)
        try writer.raw(ends)
        try writer.raw(terms, count: base)
        try writer.raw(df)
    }

    /// Each word's count of papers among those a build took from here (`runs`: the kept
    /// papers each chunk took, `Origins.taken`): the counts kept, moved by the papers taken
    /// other than once — changed, gone, or taken by two papers of one text.
    func df(taking runs: some Sequence<Range<Int>>) -> [Int32] {
        var times = [Int32](repeating: 0, count: paperCount)
        for run in runs { for k in run { times[k] += 1 } }
        var df = self.df
        terms.withUnsafeBufferPointer { terms in
            for k in 0..<paperCount where times[k] != 1 {
                for e in range(of: k) { df[Int(terms[e])] += times[k] - 1 }
            }
        }
        return df
    }

    /// Where a chunk's papers came from: runs of kept papers taken whole, whose entries hold
    /// their words' ids here, and papers counted anew, whose entries hold ids into the chunk's
    /// own table until `merge`.
    struct Origins: Sendable {
        /// The kept papers taken, run by run.
        private(set) var taken: [Range<Int>] = []
        /// The papers counted, by place in the chunk.
        private(set) var counted: [Int] = []

        mutating func take(_ papers: Range<Int>) {
            if !papers.isEmpty { taken.append(papers) }
        }

        mutating func count(paper: Int) { counted.append(paper) }
    }

    /// The chunks' words in one table: the kept words first (`kept`), so an entry taken from
    /// there holds its id already, then each chunk's own, in run order, its counted entries
    /// given their ids there and its table let go. With each word's count of papers. (Every
    /// entry given its id again and counted, 10M–13M at 100k papers, was 20–40 ms of each of
    /// an edit's related papers and search index; now 2–6 ms for both.)
    static func merge<Chunk: WordChunk>(_ chunks: inout [Chunk], kept: KeptWords?) -> (table: TermTable, df: [Int32]) {
        var table = kept?.table ?? TermTable()
        var df = kept?.df(taking: chunks.lazy.flatMap(\.origins.taken)) ?? []
        for c in chunks.indices {
            let global = table.merge(chunks[c].table)
            chunks[c].table = TermTable()
            df += repeatElement(0, count: table.count - df.count)
            let (counted, papers) = (chunks[c].origins.counted, chunks[c].papers)
            guard !counted.isEmpty else { continue }  // (kept entries, which may be viewed where they are: `ChunkEntries`)
            chunks[c].terms.withUnsafeMutableBufferPointer { terms in
                for p in counted {
                    for e in papers.range(of: p) {
                        terms[e] = Int32(global[Int(terms[e])])
                        df[Int(terms[e])] += 1
                    }
                }
            }
        }
        return (table, df)
    }
}

/// A run of papers' words as a build counts them, each paper's taken from the kept words or
/// counted anew (`KeptWords.Origins`): `KeptWords.merge` gives them ids in one table.
protocol WordChunk {
    var table: TermTable { get set }
    /// Each paper's words, paper after paper, as ids: paper `p`'s are `terms[papers.range(of: p)]`.
    var terms: ChunkEntries<Int32> { get set }
    var papers: PaperEntries { get }
    var origins: KeptWords.Origins { get }
}

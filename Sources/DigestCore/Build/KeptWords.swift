import Foundation

/// Each paper's words as a build counted them, kept in `.digest-cache/` for the next build
/// under a key per paper: a hash of the text they were counted from. What the search index's
/// words (`SearchTermCache`) and the related papers' (`RelatedCache`) have in common; each
/// keeps what it counts per word and per paper beside these arrays.
/// Paper `k`'s entries are `range(of: k)` of `terms`, ids into `words`.
struct KeptWords: Sendable {
    let words: TermTable.Words
    /// Paper by key. Equal texts have equal words, so papers with the same text share an entry.
    let papers: [UInt64: Int]
    /// Each paper's key, in the order of the build that kept them (its papers' order).
    let keys: [UInt64]
    let ends: [Int32]
    let terms: [Int32]

    var paperCount: Int { ends.count }

    /// The hash of a paper's title and abstract: what its related-paper terms are kept under,
    /// and part of what its search words are (`SearchTermCache.key`). A build works it out
    /// once for every paper (`textKeys`), for both, and for the related papers' own key.
    static func textKey(of paper: Paper) -> UInt64 {
        var hash = ContextHash()
        hash.add(tag: 1, paper.title)
        hash.add(tag: 2, paper.abstract)
        return hash.value
    }

    static func textKeys(_ papers: [Paper]) -> [UInt64] {
        ParallelMap.run(papers.count) { textKey(of: papers[$0]) }
    }

    func range(of k: Int) -> Range<Int> { RawWire.range(k, in: ends) }

    /// The words kept, from a file whose version names the running `digest` (another may count
    /// them otherwise: `CacheFile.ofThisDigest`); nil when they do not read whole as words of
    /// papers, every id and range in bounds: each is checked once here, so a build takes entries
    /// without a check of its own.
    static func read(from wire: inout WireReader) -> KeptWords? {
        guard let arena = RawWire.read(UInt8.self, from: &wire), let starts = RawWire.read(Int32.self, from: &wire),
              let hashes = RawWire.read(UInt32.self, from: &wire), let keys = RawWire.read(UInt64.self, from: &wire),
              let ends = RawWire.read(Int32.self, from: &wire), let terms = RawWire.read(Int32.self, from: &wire),
              starts.count == hashes.count + 1, starts.first == 0, RawWire.ends(starts.dropFirst(), reach: arena.count),
              ends.count == keys.count, RawWire.ends(ends, reach: terms.count),
              terms.allSatisfy({ $0 >= 0 && Int($0) < hashes.count }) else { return nil }
        var papers: [UInt64: Int] = [:]
        papers.reserveCapacity(keys.count)
        for (k, key) in keys.enumerated() { papers[key] = k }
        return KeptWords(words: TermTable.Words(arena: arena, starts: starts, hashes: hashes), papers: papers, keys: keys, ends: ends, terms: terms)
    }

    /// Writes what `read` reads: the words, then per paper its key and where its entries end,
    /// then the entries' word ids (`terms`, one array per run of papers, ids into `words`).
    /// `runs`: each run's papers' keys, where each paper's entries end in the run, and its count
    /// of entries.
    static func write(words: TermTable.Words, runs: [(keys: [UInt64], papers: PaperEntries, entries: Int)],
                      terms: some Sequence<[Int32]>, to writer: inout CacheWriter) throws {
        var ends: [Int32] = [], base = 0
        for run in runs {
            precondition(run.keys.count == run.papers.count, "every paper of a kept run has its key")
            for p in 0..<run.papers.count { ends.append(Int32(base + run.papers.range(of: p).upperBound)) }
            base += run.entries
        }
        try writer.raw(words.arena)
        try writer.raw(words.starts)
        try writer.raw(words.hashes)
        try writer.raw(runs.lazy.map(\.keys), count: ends.count)
        try writer.raw(ends)
        try writer.raw(terms, count: base)
    }
}

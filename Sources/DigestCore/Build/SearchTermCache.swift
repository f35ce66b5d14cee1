import Foundation

/// Each paper's words for the search index as the last build counted them, in
/// `.digest-cache/search-terms.bin`, under a hash of the text they were counted from (title,
/// authors, tags, venue, abstract) and of the `digest` that counted them. A rebuild counts
/// only the papers whose text is new: reading every paper's words was five CPU-seconds of an
/// edit's rebuild at 100k papers, taking them from here a fraction of one. The scores are
/// made anew for the words whose buckets a build makes (`TermBucketReuse`).
enum SearchTermCache {
    static let version = CacheFile.ofThisDigest("digest-search-terms 7 " + SiteBuild.version)

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/search-terms.bin") }

    /// What a paper's words are counted from: its title and abstract (`text`, their
    /// `KeptWords.textKey`), authors, tags and venue (`fields`, its `fieldsKey`).
    static func key(text: UInt64, fields: UInt64) -> UInt64 {
        var hash = ContextHash()
        hash.add(text)
        hash.add(fields)
        return hash.value
    }

    static func key(_ paper: Paper, text: UInt64) -> UInt64 {
        key(text: text, fields: fieldsKey(paper))
    }

    /// A paper's authors, tags and venue: what its words are counted from besides its title
    /// and abstract, and (with its year) what the search filters are made from
    /// (`SearchIndexBuilder.filterMark`), hashed once for both.
    static func fieldsKey(_ paper: Paper) -> UInt64 {
        let facts = paper.facts
        var hash = ContextHash()
        for name in facts.authors { hash.add(tag: 2, name) }
        for tag in facts.tags { hash.add(tag: 3, tag) }
        hash.add(tag: facts.venue == nil ? 4 : 5, facts.venue ?? "")
        return hash.value
    }

    /// The words of papers an earlier build counted (`KeptWords`), with each entry's counts
    /// (`PackedCounts`, or `outsized` by entry) and each paper's field lengths, by paper key.
    struct Terms: Sendable {
        let kept: KeptWords
        let counts: WireArray<UInt32>
        let outsized: [Int: SearchIndexBuilder.FieldCounts]
        /// `fieldCount` lengths per paper.
        let lengthList: [UInt16]

        func lengths(of k: Int) -> SearchIndexBuilder.FieldCounts {
            var lengths = SearchIndexBuilder.FieldCounts()
            for f in 0..<SearchIndexBuilder.fieldCount { lengths[f] = lengthList[k * SearchIndexBuilder.fieldCount + f] }
            return lengths
        }
    }

    /// What the last build's index was made from, beside the words (`indexPath`): the words
    /// file is written again only when many papers were counted anew since it was
    /// (`CacheFile.recentLimit`; 135 MB at 100k papers, written after every edit and listing,
    /// was a tenth of a listing's index stage), and this one after every build.
    struct Index: Sendable {
        /// The mark of the index made (`SearchIndexBuilder.index`), its count of term buckets
        /// and the average field lengths its scores were made with.
        let mark: UInt64
        let termBuckets: Int
        let averages: [Double]
        /// Each paper's key (`SearchTermCache.key`), by its number: which papers' words were
        /// at each number.
        let keys: [UInt64]
        /// Each paper's `SearchIndexBuilder.displayKey`, by its number.
        let displayKeys: [UInt64]
        /// What the index's filter files were made from (`SearchIndexBuilder.filterMark`), and
        /// their count.
        let filterMark: UInt64
        let filterBuckets: Int
        /// The papers counted anew since the words file was written (their keys are not in
        /// it), each with the term buckets its words are in (of `termBuckets`).
        let recent: [UInt64: [UInt32]]
    }

    /// The file of `Index` beside the words file at `path`.
    static func indexPath(_ path: String) -> String { (path.hasSuffix(".bin") ? String(path.dropLast(4)) : path) + "-index.bin" }

    /// The words kept by a build of this same `digest`; nil when there are none, or the file
    /// does not read whole (`KeptWords.read`, and counts and lengths for every entry and paper).
    static func read(_ path: String) -> Terms? {
        guard var wire = CacheFile.read(path, version: version), let kept = KeptWords.read(from: &wire),
              let counts = RawWire.view(UInt32.self, from: &wire), let lengthList = RawWire.read(UInt16.self, from: &wire),
              let outsizedAt = RawWire.read(Int64.self, from: &wire), let outsizedCounts = RawWire.read(UInt16.self, from: &wire),
              wire.at == wire.count else { return nil }
        let fields = SearchIndexBuilder.fieldCount
        guard counts.count == kept.terms.count, lengthList.count == kept.paperCount * fields,
              outsizedCounts.count == outsizedAt.count * fields, outsizedAt.allSatisfy({ $0 >= 0 && $0 < counts.count }) else { return nil }
        var outsized: [Int: SearchIndexBuilder.FieldCounts] = [:]
        for (n, at) in outsizedAt.enumerated() {
            var each = SearchIndexBuilder.FieldCounts()
            for f in 0..<fields { each[f] = outsizedCounts[n * fields + f] }
            outsized[Int(at)] = each
        }
        guard counts.withUnsafeBufferPointer({ counts in counts.indices.allSatisfy { counts[$0] != SearchIndexBuilder.PackedCounts.outsized || outsized[$0] != nil } })
        else { return nil }
        return Terms(kept: kept, counts: counts, outsized: outsized, lengthList: lengthList)
    }

    /// The last build's `Index` beside the words at `path`; nil when there is none, or it does
    /// not read whole.
    static func readIndex(_ path: String) -> Index? {
        guard var wire = CacheFile.read(indexPath(path), version: version), let mark = UInt64.read(from: &wire),
              let termBuckets = Int.read(from: &wire), let averages = [UInt64].read(from: &wire),
              let keys = RawWire.read(UInt64.self, from: &wire), let displayKeys = RawWire.read(UInt64.self, from: &wire),
              let filterMark = UInt64.read(from: &wire), let filterBuckets = Int.read(from: &wire),
              let recentKeys = RawWire.read(UInt64.self, from: &wire), let recentEnds = RawWire.read(UInt32.self, from: &wire),
              let recentBuckets = RawWire.read(UInt32.self, from: &wire), wire.at == wire.count,
              averages.count == SearchIndexBuilder.fieldCount, displayKeys.count == keys.count, recentEnds.count == recentKeys.count,
              RawWire.ends(recentEnds, reach: recentBuckets.count), recentBuckets.allSatisfy({ Int($0) < termBuckets }) else { return nil }
        var recent: [UInt64: [UInt32]] = [:]
        for (k, key) in recentKeys.enumerated() { recent[key] = Array(recentBuckets[RawWire.range(k, in: recentEnds)]) }
        return Index(mark: mark, termBuckets: termBuckets, averages: averages.map(Double.init(bitPattern:)), keys: keys,
                     displayKeys: displayKeys, filterMark: filterMark, filterBuckets: filterBuckets, recent: recent)
    }

    /// Keeps the chunks' words for the next build, their ids in `words` (after the merge).
    /// The entries (~13M at 100k papers) go from the chunks' arrays straight to the file. Words
    /// no paper has now (`df` 0: kept from an earlier build, `SearchIndexBuilder.merge`) stay
    /// until they are a tenth of the words, then are left out: until then each costs a build a
    /// lookup, and leaving them out every paper's entries mapped to new ids.
    static func write(_ chunks: [SearchIndexBuilder.Chunk], words: TermTable.Words, df: [Int32], to path: String) {
        let (words, newIDs, df) = KeptWords.pruned(words, df: df)
        var lengthList: [UInt16] = [], outsizedAt: [Int64] = [], outsizedCounts: [UInt16] = []
        let fields = SearchIndexBuilder.fieldCount
        var base = 0
        for chunk in chunks {
            for lengths in chunk.lengths { for f in 0..<fields { lengthList.append(lengths[f]) } }
            for (at, each) in chunk.outsized.sorted(by: { $0.key < $1.key }) {
                outsizedAt.append(Int64(base + at))
                for f in 0..<fields { outsizedCounts.append(each[f]) }
            }
            base += chunk.terms.count
        }
        CacheFile.write(path, version: version) { (writer: inout CacheWriter) in
            let terms = chunks.lazy.map { chunk in newIDs.map { ids in chunk.terms.map { ids[Int($0)] } } ?? chunk.terms.array }
            try KeptWords.write(words: words, runs: chunks.map { ($0.keys, $0.papers, $0.terms.count) }, terms: terms, df: df, to: &writer)
            try writer.raw(chunks.lazy.map(\.counts.array), count: base)
            try writer.raw(lengthList)
            try writer.raw(outsizedAt)
            try writer.raw(outsizedCounts)
        }
    }

    /// Writes what `readIndex` reads, beside the words at `path`.
    static func write(_ index: Index, to path: String) {
        let recent = index.recent.sorted { $0.key < $1.key }
        CacheFile.write(indexPath(path), version: version) { (writer: inout CacheWriter) in
            index.mark.write(to: &writer.bytes)
            index.termBuckets.write(to: &writer.bytes)
            index.averages.map(\.bitPattern).write(to: &writer.bytes)
            try writer.raw(index.keys)
            try writer.raw(index.displayKeys)
            index.filterMark.write(to: &writer.bytes)
            index.filterBuckets.write(to: &writer.bytes)
            try writer.raw(recent.map(\.key))
            try writer.raw(RawWire.ends(counts: recent.map(\.value.count)))
            try writer.raw(recent.flatMap(\.value))
        }
    }
}

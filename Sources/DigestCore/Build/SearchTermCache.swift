import Foundation

/// Each paper's words for the search index as the last build counted them, in
/// `.digest-cache/search-terms.bin`, under a hash of the text they were counted from (title,
/// authors, tags, venue, abstract) and of the `digest` that counted them. A rebuild counts
/// only the papers whose text is new: reading every paper's words was five CPU-seconds of an
/// edit's rebuild at 100k papers, taking them from here a fraction of one. The scores are
/// made anew for the words whose buckets a build makes (`TermBucketReuse`).
enum SearchTermCache {
    static let version = CacheFile.ofThisDigest("digest-search-terms 5 " + SiteBuild.version)

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

    /// The words of the last build's papers (`KeptWords`), with each entry's counts
    /// (`PackedCounts`, or `outsized` by entry) and each paper's field lengths.
    struct Terms: Sendable {
        let kept: KeptWords
        let counts: WireArray<UInt32>
        let outsized: [Int: SearchIndexBuilder.FieldCounts]
        /// `fieldCount` lengths per paper.
        let lengthList: [UInt16]
        /// The mark of the index made from them (`SearchIndexBuilder.index`), and its count of
        /// term buckets.
        let mark: UInt64
        let termBuckets: Int
        /// Each paper's `SearchIndexBuilder.displayKey`, in order.
        let displayKeys: [UInt64]
        /// What the index's filter files were made from (`SearchIndexBuilder.filterMark`), and
        /// their count.
        let filterMark: UInt64
        let filterBuckets: Int

        func lengths(of k: Int) -> SearchIndexBuilder.FieldCounts {
            var lengths = SearchIndexBuilder.FieldCounts()
            for f in 0..<SearchIndexBuilder.fieldCount { lengths[f] = lengthList[k * SearchIndexBuilder.fieldCount + f] }
            return lengths
        }
    }

    /// The words kept by a build of this same `digest`; nil when there are none, or the file
    /// does not read whole (`KeptWords.read`, and counts and lengths for every entry and paper).
    static func read(_ path: String) -> Terms? {
        guard var wire = CacheFile.read(path, version: version), let kept = KeptWords.read(from: &wire),
              let counts = RawWire.view(UInt32.self, from: &wire), let lengthList = RawWire.read(UInt16.self, from: &wire),
              let outsizedAt = RawWire.read(Int64.self, from: &wire), let outsizedCounts = RawWire.read(UInt16.self, from: &wire),
              let mark = UInt64.read(from: &wire), let termBuckets = Int.read(from: &wire),
              let displayKeys = RawWire.read(UInt64.self, from: &wire),
              let filterMark = UInt64.read(from: &wire), let filterBuckets = Int.read(from: &wire),
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
        return Terms(kept: kept, counts: counts, outsized: outsized, lengthList: lengthList, mark: mark, termBuckets: termBuckets, displayKeys: displayKeys,
                     filterMark: filterMark, filterBuckets: filterBuckets)
    }

    /// Keeps the chunks' words for the next build, their ids in `words` (after the merge).
    /// The entries (~13M at 100k papers) go from the chunks' arrays straight to the file. Words
    /// no paper has now (`df` 0: kept from an earlier build, `SearchIndexBuilder.merge`) stay
    /// until they are a tenth of the words, then are left out: until then each costs a build a
    /// lookup, and leaving them out every paper's entries mapped to new ids.
    static func write(_ chunks: [SearchIndexBuilder.Chunk], words: TermTable.Words, df: [Int32], mark: UInt64 = 0, termBuckets: Int = 0, displayKeys: [UInt64] = [],
                      filters: (mark: UInt64, buckets: Int) = (0, 0), to path: String) {
        let (words, newIDs) = KeptWords.pruned(words, df: df)
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
            let terms = chunks.lazy.map { chunk in newIDs.map { ids in chunk.terms.map { ids[Int($0)] } } ?? chunk.terms }
            try KeptWords.write(words: words, runs: chunks.map { ($0.keys, $0.papers, $0.terms.count) }, terms: terms, to: &writer)
            try writer.raw(chunks.map(\.counts), count: base)
            try writer.raw(lengthList)
            try writer.raw(outsizedAt)
            try writer.raw(outsizedCounts)
            mark.write(to: &writer.bytes)
            termBuckets.write(to: &writer.bytes)
            try writer.raw(displayKeys)
            filters.mark.write(to: &writer.bytes)
            filters.buckets.write(to: &writer.bytes)
        }
    }
}

import Foundation

/// Each paper's words for the search index as the last build counted them, in
/// `.digest-cache/search-terms.bin`, under a hash of the text they were counted from (title,
/// authors, tags, venue, abstract) and of the `digest` that counted them. A rebuild counts
/// only the papers whose text is new: reading every paper's words was five CPU-seconds of an
/// edit's rebuild at 100k papers, taking them from here a fraction of one. The scores are
/// made anew each build, as they weigh every paper's words (`SearchIndexBuilder`).
enum SearchTermCache {
    static let version = "digest-search-terms 1 " + SiteBuild.version

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/search-terms.bin") }

    /// What a paper's words are counted from. Equal texts have equal words, so two papers
    /// with the same text may share an entry.
    static func key(_ paper: Paper) -> UInt64 {
        var hash = ContextHash()
        hash.add(tag: 1, paper.title)
        for name in paper.authors { hash.add(tag: 2, name) }
        for tag in paper.tags { hash.add(tag: 3, tag) }
        hash.add(tag: paper.venue == nil ? 4 : 5, paper.venue ?? "")
        hash.add(tag: 6, paper.abstract)
        return hash.value
    }

    /// The words of the last build's papers: paper `k`'s entries are `range(of: k)` of `terms`
    /// (ids into `words`) and `counts` (`PackedCounts`, or `outsized` by entry).
    struct Terms: Sendable {
        let words: TermTable.Words
        /// Paper by key.
        let papers: [UInt64: Int]
        let ends: [Int32]
        let terms: [Int32]
        let counts: [UInt32]
        let outsized: [Int: SearchIndexBuilder.FieldCounts]
        /// `fieldCount` lengths per paper.
        let lengthList: [UInt16]

        func range(of k: Int) -> Range<Int> { (k == 0 ? 0 : Int(ends[k - 1]))..<Int(ends[k]) }

        func lengths(of k: Int) -> SearchIndexBuilder.FieldCounts {
            var lengths = SearchIndexBuilder.FieldCounts()
            for f in 0..<SearchIndexBuilder.fieldCount { lengths[f] = lengthList[k * SearchIndexBuilder.fieldCount + f] }
            return lengths
        }
    }

    /// The words kept by a build of this same `digest`; nil when there are none, or the file
    /// does not read whole as words of papers (every id and range in bounds).
    static func read(_ path: String) -> Terms? {
        guard var wire = CacheFile.read(path, version: version), UInt64.read(from: &wire) == program(),
              let arena = RawWire.read(UInt8.self, from: &wire), let starts = RawWire.read(Int32.self, from: &wire),
              let hashes = RawWire.read(UInt32.self, from: &wire), let keys = RawWire.read(UInt64.self, from: &wire),
              let ends = RawWire.read(Int32.self, from: &wire), let terms = RawWire.read(Int32.self, from: &wire),
              let counts = RawWire.read(UInt32.self, from: &wire), let lengthList = RawWire.read(UInt16.self, from: &wire),
              let outsizedAt = RawWire.read(Int64.self, from: &wire), let outsizedCounts = RawWire.read(UInt16.self, from: &wire),
              wire.at == wire.bytes.count else { return nil }
        let fields = SearchIndexBuilder.fieldCount
        // Damage shows as a count or an index out of step; each is checked once here, so the
        // rebuild can take entries without a check of its own.
        guard starts.count == hashes.count + 1, starts.first == 0, zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }),
              Int(starts.last!) == arena.count, ends.count == keys.count, lengthList.count == keys.count * fields,
              zip([0] + ends, ends).allSatisfy({ $0 <= $1 }), Int(ends.last ?? 0) == terms.count, counts.count == terms.count,
              terms.allSatisfy({ $0 >= 0 && Int($0) < hashes.count }), outsizedCounts.count == outsizedAt.count * fields,
              outsizedAt.allSatisfy({ $0 >= 0 && $0 < counts.count }) else { return nil }
        var outsized: [Int: SearchIndexBuilder.FieldCounts] = [:]
        for (n, at) in outsizedAt.enumerated() {
            var each = SearchIndexBuilder.FieldCounts()
            for f in 0..<fields { each[f] = outsizedCounts[n * fields + f] }
            outsized[Int(at)] = each
        }
        guard counts.indices.allSatisfy({ counts[$0] != SearchIndexBuilder.PackedCounts.outsized || outsized[$0] != nil }) else { return nil }
        var papers: [UInt64: Int] = [:]
        papers.reserveCapacity(keys.count)
        for (k, key) in keys.enumerated() { papers[key] = k }
        return Terms(words: TermTable.Words(arena: arena, starts: starts, hashes: hashes), papers: papers, ends: ends,
                     terms: terms, counts: counts, outsized: outsized, lengthList: lengthList)
    }

    /// Keeps the chunks' words for the next build, their ids in `words` (after the merge).
    /// The entries (~13M at 100k papers) go from the chunks straight into the file's bytes.
    static func write(_ chunks: [SearchIndexBuilder.Chunk], words: TermTable.Words, to path: String) {
        var ends: [Int32] = [], lengthList: [UInt16] = [], outsizedAt: [Int64] = [], outsizedCounts: [UInt16] = []
        let fields = SearchIndexBuilder.fieldCount
        var base = 0
        for chunk in chunks {
            precondition(chunk.keys.count == chunk.papers.count, "every paper of a kept chunk has its key")
            for p in 0..<chunk.papers.count {
                ends.append(Int32(base + chunk.papers.range(of: p).upperBound))
                for f in 0..<fields { lengthList.append(chunk.lengths[p][f]) }
            }
            for (at, each) in chunk.outsized.sorted(by: { $0.key < $1.key }) {
                outsizedAt.append(Int64(base + at))
                for f in 0..<fields { outsizedCounts.append(each[f]) }
            }
            base += chunk.terms.count
        }
        CacheFile.write(path, version: version) { wire in
            // Headers, the words (bytes, start, hash), per paper key, end and lengths, per entry
            // term and counts, and the outsized: the exact size, so the bytes are never copied to grow.
            wire.reserveCapacity(wire.count + 8 * 12 + words.arena.count + 8 * words.count + 4 + (8 + 4 + 2 * fields) * ends.count
                                 + 8 * base + (8 + 2 * fields) * outsizedAt.count)
            program().write(to: &wire)
            RawWire.write(words.arena, to: &wire)
            RawWire.write(words.starts, to: &wire)
            RawWire.write(words.hashes, to: &wire)
            RawWire.write(chunks.map(\.keys), to: &wire)
            RawWire.write(ends, to: &wire)
            RawWire.write(chunks.map(\.terms), to: &wire)
            RawWire.write(chunks.map(\.counts), to: &wire)
            RawWire.write(lengthList, to: &wire)
            RawWire.write(outsizedAt, to: &wire)
            RawWire.write(outsizedCounts, to: &wire)
        }
    }

    /// The `digest` that counted the words: another may count them otherwise.
    private static func program() -> UInt64 {
        var hash = ContextHash()
        if let program = FileStamp(path: "/proc/self/exe", followingLinks: true) { hash.add(program) }
        return hash.value
    }
}

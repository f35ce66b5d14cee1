extension SearchIndexBuilder {
    /// The words of a run of papers with their counts per field, kept flat: at 100k papers there
    /// are ~13M (paper, word) pairs, and an array per paper with 16-byte counts, each grown by
    /// doubling, was 380 MB of the build's peak memory; flat arrays cut to size with packed
    /// counts are 8 bytes a pair.
    struct Chunk: Sendable, WordChunk {
        /// The chunk's words; the entries it counted hold ids into it, those taken from the
        /// words kept their ids there (`origins`), until `merge`.
        var table = TermTable()
        /// Each paper's words, paper after paper: paper `p`'s are `terms[papers.range(of: p)]`.
        var terms = ChunkEntries<Int32>()
        var origins = KeptWords.Origins()
        /// Per entry of `terms`, its counts per field (`PackedCounts`), or
        /// `PackedCounts.outsized` when they are in `outsized`.
        var counts = ChunkEntries<UInt32>()
        var outsized: [Int: FieldCounts] = [:]
        var papers = PaperEntries()
        /// Each paper's field lengths in words.
        var lengths: [FieldCounts] = []
        /// Each paper's `SearchTermCache.key`, when the build keeps its words for the next one.
        var keys: [UInt64] = []

        @inline(__always)
        func fieldCounts(at entry: Int) -> FieldCounts {
            counts[entry] == PackedCounts.outsized ? outsized[entry]! : PackedCounts.unpack(counts[entry])
        }

        mutating func append(_ paper: PaperTerms) {
            origins.count(paper: papers.count)
            terms += paper.terms
            for counts in paper.counts {
                if let packed = PackedCounts.pack(counts) {
                    self.counts.append(packed)
                } else {
                    outsized[self.counts.count] = counts
                    self.counts.append(PackedCounts.outsized)
                }
            }
            close(lengths: paper.lengths)
        }

        /// Papers `kept` of the last build's words, their entries taken whole (read where the
        /// file is, when they are the chunk's first: `ChunkEntries`): each word as its id in
        /// the kept words, which the merged table's ids start from (`KeptWords.merge`), not
        /// looked up in this chunk's table — at 100k papers, 13M entries and 2M lookups of a
        /// word in a chunk were most of an edit's index stage. A run of papers at once: copied
        /// paper by paper, they were still 0.2 CPU-s of an edit.
        mutating func add(kept: Range<Int>, from cached: SearchTermCache.Terms) {
            guard let last = kept.last else { return }
            let range = cached.kept.range(of: kept.lowerBound).lowerBound..<cached.kept.range(of: last).upperBound
            let at = counts.count, shift = at - range.lowerBound
            origins.take(kept)
            terms.append(kept: cached.kept.terms, range)
            counts.append(kept: cached.counts, range)
            if !cached.outsized.isEmpty {
                for e in range where cached.counts[e] == PackedCounts.outsized { outsized[e + shift] = cached.outsized[e] }
            }
            for k in kept {
                papers.close(at: cached.kept.range(of: k).upperBound + shift)
                lengths.append(cached.lengths(of: k))
            }
        }

        /// The paper whose entries were just added ends here.
        mutating func close(lengths: FieldCounts) {
            papers.close(at: terms.count)
            self.lengths.append(lengths)
        }

        mutating func reserve(_ entries: Int) {
            terms.reserveCapacity(entries)
            counts.reserveCapacity(entries)
        }

        /// The arrays at their size (`ChunkEntries.trim`): each copy is 50 MB at 100k papers.
        mutating func trim() {
            terms.trim()
            counts.trim()
        }
    }

    /// One paper's words (ids into its chunk's table) with their counts per field, while it is counted.
    struct PaperTerms: Sendable {
        var terms: [Int32] = []
        var counts: [FieldCounts] = []
        var lengths = FieldCounts()
    }

    /// A word's counts in the five fields in 32 bits — 6 bits each for title, authors, tags and
    /// venue, 8 for the abstract — which hold every count but in text built to break them.
    enum PackedCounts {
        static let widths: [UInt32] = [6, 6, 6, 6, 8]
        /// Says the counts are kept beside (`Chunk.outsized`): they did not fit, or every field
        /// was at its largest, which packs to this same value.
        static let outsized = UInt32.max

        static func pack(_ counts: FieldCounts) -> UInt32? {
            var packed: UInt32 = 0, shift: UInt32 = 0
            for f in 0..<fieldCount {
                let count = UInt32(counts[f])
                guard count < 1 << widths[f] else { return nil }
                packed |= count << shift
                shift += widths[f]
            }
            return packed == outsized ? nil : packed
        }

        /// (`widths`' shifts and masks written out: read from the array, a field at a time, they
        /// were 100 instructions an entry, of 12.9M at 100k papers; through a table of lanes, 64.)
        static func unpack(_ packed: UInt32) -> FieldCounts {
            func field(_ shift: UInt32, _ mask: UInt32) -> UInt16 { UInt16(truncatingIfNeeded: packed >> shift & mask) }
            return FieldCounts(field(0, 63), field(6, 63), field(12, 63), field(18, 63), field(24, 255), 0, 0, 0)
        }
    }
}

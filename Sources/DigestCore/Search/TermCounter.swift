extension SearchIndexBuilder {
    /// Counts a chunk's words per paper and field as they are read: each word interned once in
    /// the chunk's table, and found again in the paper's list through the last paper that had it
    /// (no per-paper sort or dictionary).
    struct TermCounter: TokenSink {
        var table = TermTable()
        /// Per word id: the last paper (in the chunk) that had it, and where it is in that paper's list.
        private var lastPaper: [Int32] = []
        private var slot: [Int32] = []
        private var chunk = Chunk()
        /// The paper being counted; its arrays are reused for the next one.
        private var current = PaperTerms()
        private var started = false
        /// The field `take` counts into.
        private var field = 0

        mutating func startPaper() {
            if started { chunk.append(current) }
            started = true
            current.terms.removeAll(keepingCapacity: true)
            current.counts.removeAll(keepingCapacity: true)
            current.lengths = FieldCounts()
        }

        mutating func add(_ words: [String], field: Int, inLength: Bool = true) {
            self.field = field
            for word in words { count(table.id(word), inLength: inLength) }
        }

        /// The text's tokens, each counted in `field`.
        mutating func add(text: String, field: Int) {
            self.field = field
            SearchTokenizer.forEachToken(text, dropStopWords: true, into: &self)
        }

        /// Room for `entries` in the chunk.
        mutating func reserve(_ entries: Int) { chunk.reserve(entries) }

        /// Papers `kept` of the last build's words (`SearchTermCache`), one after another there
        /// and here, whose texts have not changed since: their entries as they were
        /// (`Chunk.add(kept:from:)`).
        mutating func addCached(_ kept: Range<Int>, from cached: SearchTermCache.Terms) {
            guard !kept.isEmpty else { return }
            if started { chunk.append(current) }
            started = false
            chunk.add(kept: kept, from: cached)
        }

        mutating func take(_ token: UnsafeBufferPointer<UInt8>) {
            count(table.id(token), inLength: true)
        }

        private mutating func count(_ id: Int32, inLength: Bool) {
            let i = Int(id)
            if i == lastPaper.count {
                lastPaper.append(-1)
                slot.append(0)
            }
            let paper = Int32(chunk.papers.count)
            if lastPaper[i] != paper {
                lastPaper[i] = paper
                slot[i] = Int32(current.terms.count)
                current.terms.append(id)
                current.counts.append(FieldCounts())
            }
            let s = Int(slot[i])
            if current.counts[s][field] < .max { current.counts[s][field] += 1 }
            if inLength, current.lengths[field] < .max { current.lengths[field] += 1 }
        }

        mutating func finish() -> Chunk {
            if started { chunk.append(current) }
            chunk.table = table
            chunk.trim()
            return chunk
        }
    }
}

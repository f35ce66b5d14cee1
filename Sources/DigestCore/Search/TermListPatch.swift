import Algorithms

/// The postings of a rebuild's words whose buckets it makes but not they themselves
/// (`TermBucketReuse.fromSite`), from the site's files of those buckets: as they are there, or,
/// for a word patched, with the scores of the papers edited anew. At 100k papers the words of
/// one edited paper's buckets were 2M of the index's 16M postings, each scored again, to find
/// the lists as they were but for that paper's place in them.
enum TermListPatch {
    /// Each such word's list (`SearchIndexBuilder.listBytes`), by its id. A word the site's
    /// file does not have (no file: every word), or whose list cannot tell its postings now
    /// (`patched`), is made: `making` has it. `siteFile`: a file of the site's index by its
    /// path, when there is one.
    static func lists(_ reuse: TermBucketReuse, making: inout [Bool], names: [String], df: [Int32], chunks: [SearchIndexBuilder.Chunk],
                      averages: [Double], papers: Int, dated: Int, siteFile: (String) -> [UInt8]?) -> [Int: [UInt8]] {
        let count = Double(SearchIndexBuilder.countForIDF(papers))
        var files: [Int: [[UInt8]: ArraySlice<UInt8>]] = [:]
        var lists: [Int: [UInt8]] = [:]
        for id in reuse.fromSite {
            let bucket = reuse.bucketOf[id]
            if files[bucket] == nil { files[bucket] = siteFile(SearchLayout.termFile(bucket)).flatMap(entries) ?? [:] }
            guard let list = files[bucket]![Array(Escape.jsonString(names[id]).utf8)] else {
                making[id] = true
                continue
            }
            let (changes, removed) = (reuse.patched[id] ?? [], reuse.removed[id] ?? [])
            guard !changes.isEmpty || !removed.isEmpty else {
                lists[id] = Array(list)
                continue
            }
            let idf = SearchIndexBuilder.idf(df: df[id], papers: count)
            let scores = changes.map { entry in
                let chunk = chunks[Int(entry.chunk)]
                return (number: Int(entry.number), score: SearchIndexBuilder.score(chunk.fieldCounts(at: Int(entry.entry)), lengths: chunk.lengths[Int(entry.paper)],
                                                                                   averages: averages, idf: idf))
            }
            guard let postings = patched(list, changes: scores, removed: removed.map(Int.init), dated: dated) else {
                making[id] = true
                continue
            }
            lists[id] = SearchIndexBuilder.listBytes(postings, dated: dated)
        }
        return lists
    }

    /// A word's postings now, best first (`SearchIndexBuilder.posting`), from its list in the
    /// site (`number,score,…`: the best `SearchLayout.postingsPerTerm`, or all) and `changes`,
    /// the scores now of papers that have the word (had it then or not), and `removed`, the
    /// numbers of papers that had it and have it no more. Nil when the list cannot tell: it
    /// was full, and fewer than that many of its postings and the new ones are as good as its
    /// last, below which are postings it left out.
    static func patched(_ list: ArraySlice<UInt8>, changes: [(number: Int, score: UInt32)], removed: [Int] = [], dated: Int) -> [UInt64]? {
        guard let numbers = numbers(list), numbers.count % 2 == 0 else { return nil }
        // The papers edited, in order: those of the list below the first or above the last are
        // told apart without a look among them (a Set's hash for each of 1.3M postings was 0.13
        // billion instructions of a 150-paper listing's rebuild at 100k papers).
        let edited = (changes.map(\.number) + removed).sorted()
        func isEdited(_ number: Int) -> Bool {
            guard let first = edited.first, let last = edited.last, number >= first, number <= last else { return false }
            let at = edited.partitioningIndex { $0 >= number }
            return edited[at] == number
        }
        var postings: [UInt64] = []
        postings.reserveCapacity(numbers.count / 2 + changes.count)
        for k in stride(from: 0, to: numbers.count, by: 2) where !isEdited(numbers[k]) {
            guard numbers[k + 1] <= Int(UInt32.max) else { return nil }
            postings.append(SearchIndexBuilder.posting(score: UInt32(numbers[k + 1]), place: SearchLayout.number(numbers[k], dated: dated)))
        }
        let fresh = changes.map { SearchIndexBuilder.posting(score: $0.score, place: SearchLayout.number($0.number, dated: dated)) }
        let limit = SearchLayout.postingsPerTerm
        if numbers.count / 2 >= limit {
            let last = SearchIndexBuilder.posting(score: UInt32(numbers[numbers.count - 1]), place: SearchLayout.number(numbers[numbers.count - 2], dated: dated))
            guard postings.count + fresh.filter({ $0 <= last }).count >= limit else { return nil }
        }
        return Array((postings + fresh).sorted().prefix(limit))
    }

    /// The numbers of a list, `1,2,…` (none in an empty one); nil for other bytes.
    /// (Read through a buffer into room made for the most a list that long can hold: read from
    /// the slice and appended one by one, the 4,913 lists a 150-paper listing patches at 100k
    /// papers were 0.37 billion instructions; now 0.20.)
    static func numbers(_ list: ArraySlice<UInt8>) -> [Int]? {
        list.withUnsafeBufferPointer { bytes -> [Int]? in
            var failed = false
            let numbers = [Int](unsafeUninitializedCapacity: bytes.count / 2 + 1) { out, count in
                var (value, digits) = (0, 0)
                count = 0
                for byte in bytes {
                    if byte == UInt8(ascii: ",") {
                        guard digits > 0 else { failed = true; return }
                        out[count] = value
                        count += 1
                        (value, digits) = (0, 0)
                    } else {
                        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"), digits < 12 else { failed = true; return }
                        (value, digits) = (value &* 10 &+ Int(byte &- UInt8(ascii: "0")), digits + 1)
                    }
                }
                if digits > 0 { out[count] = value; count += 1 } else if !bytes.isEmpty { failed = true }
            }
            return failed ? nil : numbers
        }
    }

    /// The entries of a term bucket's file as `SearchIndexBuilder.bucketFiles` writes it,
    /// `{"key":[…],…}`: each key as written (quoted, escaped as `Escape.jsonString` does) and its
    /// list's bytes. Nil for a file of another shape.
    /// (Each list's end found by `memchr` (`firstIndex(of:in:)`), through a buffer: found by `firstIndex(of:)` on the
    /// array's slices, the 5k files a 150-paper listing patches at 100k papers, tens of MB,
    /// were 0.2 billion instructions.)
    static func entries(_ bytes: [UInt8]) -> [[UInt8]: ArraySlice<UInt8>]? {
        let (quote, backslash) = (UInt8(ascii: "\""), UInt8(ascii: "\\"))
        guard bytes.first == UInt8(ascii: "{") else { return nil }
        var entries: [[UInt8]: ArraySlice<UInt8>] = [:]
        let shaped = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var i = 1
            while i < buffer.count, buffer[i] == quote {
                var end = i + 1  // (the key's closing quote, past escaped characters)
                while end < buffer.count, buffer[end] != quote { end += buffer[end] == backslash ? 2 : 1 }
                guard end + 2 < buffer.count, buffer[end + 1] == UInt8(ascii: ":"), buffer[end + 2] == UInt8(ascii: "["),
                      let close = buffer.firstIndex(of: UInt8(ascii: "]"), in: (end + 3)..<buffer.count) else { return false }
                entries[Array(buffer[i...end])] = bytes[(end + 3)..<close]
                i = close + 1
                if i < buffer.count, buffer[i] == UInt8(ascii: ",") { i += 1 }
            }
            return i < buffer.count && buffer[i] == UInt8(ascii: "}")
        }
        return shaped ? entries : nil
    }
}

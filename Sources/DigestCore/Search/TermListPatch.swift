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
        var files: [Int: BucketEntries] = [:]
        var lists: [Int: [UInt8]] = [:]
        for id in reuse.fromSite {
            let bucket = reuse.bucketOf[id]
            if files[bucket] == nil { files[bucket] = siteFile(SearchLayout.termFile(bucket)).flatMap(entries) ?? BucketEntries() }
            var key = Escape.jsonString(names[id])
            guard let list = key.withUTF8({ files[bucket]!.list($0) }) else {
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
            guard let bytes = patchedList(list, changes: scores, removed: removed.map(Int.init), dated: dated) else {
                making[id] = true
                continue
            }
            lists[id] = bytes
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
        patchedPairs(list, changes: changes, removed: removed, dated: dated).map { $0.postings.map(\.posting) }
    }

    /// The same list's bytes, as `SearchIndexBuilder.listBytes` writes `patched`'s postings:
    /// each run of the list's own postings copied as the site has it, the new ones written.
    /// (Every posting of a patched list written again, its number and score in decimal, was
    /// 0.36 billion instructions of a 150-paper listing's rebuild at 100k papers: 5k lists of
    /// up to 256 postings, each changed in a few places.)
    static func patchedList(_ list: ArraySlice<UInt8>, changes: [(number: Int, score: UInt32)], removed: [Int] = [], dated: Int) -> [UInt8]? {
        guard let (postings, ends, asWritten) = patchedPairs(list, changes: changes, removed: removed, dated: dated) else { return nil }
        guard asWritten else { return SearchIndexBuilder.listBytes(postings.lazy.map(\.posting), dated: dated) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(list.count + changes.count * 22)
        var k = 0
        while k < postings.count {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            guard let pair = postings[k].pair else {
                let posting = postings[k].posting
                SearchIndexBuilder.appendDecimal(SearchLayout.number(Int(posting & 0xFFFF_FFFF), dated: dated), to: &bytes)
                bytes.append(UInt8(ascii: ","))
                SearchIndexBuilder.appendDecimal(Int(UInt32.max - UInt32(posting >> 32)), to: &bytes)
                k += 1
                continue
            }
            // The list's own postings that follow one another there too, in one piece: from
            // the first's number to the last's score.
            var last = pair
            while k + 1 < postings.count, postings[k + 1].pair == last + 1 { (k, last) = (k + 1, last + 1) }
            let from = pair == 0 ? list.startIndex : ends[2 * pair - 1] + 1
            bytes.append(contentsOf: list[from..<ends[2 * last + 1]])
            k += 1
        }
        return bytes
    }

    /// `patched`'s postings, each with its pair's place in the list when it is one of the
    /// list's own (nil: a change); where each of the list's numbers ends in it; and whether
    /// the list is as `listBytes` writes one — its postings in order, no number with a leading
    /// zero — so that its own postings' bytes are theirs. (One that is not, changed by hand,
    /// is patched as it always was: its postings sorted with the changes, and written whole.)
    private static func patchedPairs(_ list: ArraySlice<UInt8>, changes: [(number: Int, score: UInt32)], removed: [Int],
                                     dated: Int) -> (postings: [(posting: UInt64, pair: Int?)], ends: [Int], asWritten: Bool)? {
        guard let (numbers, ends, canonical) = numbersAndEnds(list), numbers.count % 2 == 0 else { return nil }
        // The papers edited, in order: those of the list below the first or above the last are
        // told apart without a look among them (a Set's hash for each of 1.3M postings was 0.13
        // billion instructions of a 150-paper listing's rebuild at 100k papers).
        let edited = (changes.map(\.number) + removed).sorted()
        func isEdited(_ number: Int) -> Bool {
            guard let first = edited.first, let last = edited.last, number >= first, number <= last else { return false }
            let at = edited.partitioningIndex { $0 >= number }
            return edited[at] == number
        }
        var postings: [(posting: UInt64, pair: Int?)] = []
        postings.reserveCapacity(numbers.count / 2 + changes.count)
        var (previous, inOrder): (UInt64?, Bool) = (nil, true)
        for k in stride(from: 0, to: numbers.count, by: 2) {
            guard numbers[k + 1] <= Int(UInt32.max) else { return nil }
            let posting = SearchIndexBuilder.posting(score: UInt32(numbers[k + 1]), place: SearchLayout.number(numbers[k], dated: dated))
            inOrder = inOrder && previous.map { $0 < posting } ?? true
            previous = posting
            if !isEdited(numbers[k]) { postings.append((posting, k / 2)) }
        }
        let fresh = changes.map { SearchIndexBuilder.posting(score: $0.score, place: SearchLayout.number($0.number, dated: dated)) }.sorted()
        let limit = SearchLayout.postingsPerTerm
        if numbers.count / 2 >= limit, let last = previous {
            guard postings.count + fresh.filter({ $0 <= last }).count >= limit else { return nil }
        }
        guard inOrder else {
            return (Array((postings + fresh.map { ($0, nil) }).sorted { $0.posting < $1.posting }.prefix(limit)), ends, false)
        }
        // Both in order: merged, the best `limit` of them.
        var merged: [(posting: UInt64, pair: Int?)] = []
        merged.reserveCapacity(min(limit, postings.count + fresh.count))
        var (o, f) = (0, 0)
        while merged.count < limit, o < postings.count || f < fresh.count {
            if f == fresh.count || (o < postings.count && postings[o].posting < fresh[f]) {
                merged.append(postings[o])
                o += 1
            } else {
                merged.append((fresh[f], nil))
                f += 1
            }
        }
        return (merged, ends, canonical)
    }

    /// The numbers of a list, `1,2,…` (none in an empty one); nil for other bytes.
    static func numbers(_ list: ArraySlice<UInt8>) -> [Int]? {
        numbersAndEnds(list)?.numbers
    }

    /// The same, with where each number ends in the list (its index past the last digit), and
    /// whether none has a leading zero (a list as written has none).
    /// (Read through a buffer into room made for the most a list that long can hold: read from
    /// the slice and appended one by one, the 4,913 lists a 150-paper listing patches at 100k
    /// papers were 0.37 billion instructions; 0.20 so, 0.25 with the ends.)
    static func numbersAndEnds(_ list: ArraySlice<UInt8>) -> (numbers: [Int], ends: [Int], canonical: Bool)? {
        list.withUnsafeBufferPointer { bytes -> (numbers: [Int], ends: [Int], canonical: Bool)? in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return ([], [], true) }
            var (failed, canonical) = (false, true)
            let room = bytes.count / 2 + 1
            let ends = UnsafeMutablePointer<Int>.allocate(capacity: room)
            defer { ends.deallocate() }
            let numbers = [Int](unsafeUninitializedCapacity: room) { out, count in
                var (value, digits, at) = (0, 0, 0)
                count = 0
                while at < bytes.count {
                    let byte = base[at]
                    if byte == UInt8(ascii: ",") {
                        guard digits > 0 else { failed = true; return }
                        out[count] = value
                        ends[count] = at
                        count += 1
                        (value, digits) = (0, 0)
                    } else {
                        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"), digits < 12 else { failed = true; return }
                        if digits == 1 && value == 0 { canonical = false }
                        (value, digits) = (value &* 10 &+ Int(byte &- UInt8(ascii: "0")), digits + 1)
                    }
                    at += 1
                }
                guard digits > 0 else { failed = true; return }
                out[count] = value
                ends[count] = bytes.count
                count += 1
            }
            guard !failed else { return nil }
            let start = list.startIndex
            return (numbers, (0..<numbers.count).map { start + ends[$0] }, canonical)
        }
    }

    /// The entries of a term bucket's file as `SearchIndexBuilder.bucketFiles` writes it,
    /// `{"key":[…],…}`: each key as written (quoted, escaped as `Escape.jsonString` does) and its
    /// list's bytes. Nil for a file of another shape.
    /// (Each list's end found by `memchr` (`firstIndex(of:in:)`), through a buffer: found by
    /// `firstIndex(of:)` on the array's slices, the buckets a 150-paper listing patches at 100k
    /// papers were read in 0.20 billion instructions; now 0.02.)
    static func entries(_ bytes: [UInt8]) -> BucketEntries? {
        let (quote, backslash) = (UInt8(ascii: "\""), UInt8(ascii: "\\"))
        guard bytes.first == UInt8(ascii: "{") else { return nil }
        var entries = BucketEntries(bytes)
        let shaped = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var i = 1
            while i < buffer.count, buffer[i] == quote {
                var end = i + 1  // (the key's closing quote, past escaped characters)
                while end < buffer.count, buffer[end] != quote { end += buffer[end] == backslash ? 2 : 1 }
                guard end + 2 < buffer.count, buffer[end + 1] == UInt8(ascii: ":"), buffer[end + 2] == UInt8(ascii: "["),
                      let close = buffer.firstIndex(of: UInt8(ascii: "]"), in: (end + 3)..<buffer.count) else { return false }
                entries.add(key: UnsafeBufferPointer(rebasing: buffer[i...end]), list: (end + 3)..<close)
                i = close + 1
                if i < buffer.count, buffer[i] == UInt8(ascii: ",") { i += 1 }
            }
            return i < buffer.count && buffer[i] == UInt8(ascii: "}")
        }
        return shaped ? entries : nil
    }

    /// A bucket's file read by its keys (`entries`): each key's list's bytes, found by the key's
    /// bytes as written. (In a Dictionary keyed by byte arrays, each key an array of its own,
    /// hashed a byte at a step, the 88k keys of the buckets a 150-paper listing patches at 100k
    /// papers were 0.3 billion instructions.) A key written twice finds its last list.
    struct BucketEntries {
        private var keys = TermTable(capacity: 32)
        /// Each key's list, by the key's id, in `bytes`.
        private var lists: [Range<Int>] = []
        private let bytes: [UInt8]

        init(_ bytes: [UInt8] = []) { self.bytes = bytes }

        var count: Int { keys.count }
        var isEmpty: Bool { keys.count == 0 }

        fileprivate mutating func add(key: UnsafeBufferPointer<UInt8>, list: Range<Int>) {
            let id = Int(keys.id(key))
            if id == lists.count { lists.append(list) } else { lists[id] = list }
        }

        /// The list of the key written as `key` (quoted and escaped).
        func list(_ key: UnsafeBufferPointer<UInt8>) -> ArraySlice<UInt8>? {
            keys.find(key).map { bytes[lists[Int($0)]] }
        }

        subscript(key: [UInt8]) -> ArraySlice<UInt8>? { key.withUnsafeBufferPointer { list($0) } }
    }
}

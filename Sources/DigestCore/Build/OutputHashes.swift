/// Each file a build wrote, with the hash of its inputs, in the order the build made them:
/// pages, then the other files, then the search index. That order follows from the site
/// alone, so the same site gives the same list, and a rebuild in which no page came or went
/// finds each file's last hash at the file's own position — 350k paths at 100k papers compared
/// in order, not each hashed into a table and looked up.
struct OutputHashes: Equatable, Sendable {
    private(set) var paths: [String] = []
    private(set) var hashes: [UInt64] = []

    init() {}

    init(paths: [String], hashes: [UInt64]) {
        precondition(paths.count == hashes.count, "a hash for every output")
        (self.paths, self.hashes) = (paths, hashes)
    }

    var count: Int { paths.count }

    mutating func append(_ path: String, _ hash: UInt64) {
        paths.append(path)
        hashes.append(hash)
    }

    /// For each of `outputs` (a build's paths, in its order), the hash this list has for it;
    /// and the paths of this list that are not among them. Where the two lists begin and end
    /// alike they are compared in order; only the outputs between — a tag page added, a paper
    /// whose new title moves its page among the day's papers — are looked up by path.
    /// (`hash`: what the paths between are found by; a test gives one under which they collide.)
    /// (`outputHashes`: each output's `hash`, made by the caller, asked for when some output
    /// is looked up by path.)
    func matched(to outputs: [String], outputHashes: (() -> [UInt64])? = nil, hash: @escaping @Sendable (String) -> UInt64 = pathHash) -> (hashes: [UInt64?], gone: [String]) {
        let shorter = min(outputs.count, paths.count)
        var head = 0
        while head < shorter, outputs[head] == paths[head] { head += 1 }
        var tail = 0
        while tail < shorter - head, outputs[outputs.count - 1 - tail] == paths[paths.count - 1 - tail] { tail += 1 }
        // A path is in a list once, so one between the ends of either list is between the ends
        // of both, or in one only.
        let (was, now) = (head..<(paths.count - tail), head..<(outputs.count - tail))
        let places = Places(paths, was, hash: hash)
        let made = now.isEmpty ? nil : outputHashes?()
        // Each output between the ends looked up on every core, then the list made whole in one
        // array: looked up on the one thread running then, into an array joined to the ends' with
        // `+` (each join a new array, 5.6 MB at 100k papers, every page of it faulted in), this
        // was 0.1 CPU-s of a listing's rebuild at 100k papers, with the other core mostly idle.
        let placed = ParallelMap.batched(now.count) { k in places.place(of: outputs[now.lowerBound + k], hash: made?[now.lowerBound + k]) ?? -1 }
        var found = [Bool](repeating: false, count: paths.count)
        var matched: [UInt64?] = []
        matched.reserveCapacity(outputs.count)
        matched.append(contentsOf: hashes[..<head].lazy.map { $0 })
        for i in placed {
            if i >= 0 { found[i] = true }
            matched.append(i >= 0 ? hashes[i] : nil)
        }
        matched.append(contentsOf: hashes[(paths.count - tail)...].lazy.map { $0 })
        var gone = was.filter { !found[places.first($0)] }.map { paths[$0] }
        if !gone.isEmpty {
            // (Unless the table names a path twice, which no build writes: then it may be one
            // of those the ends have, still made.)
            let named = Set(gone)
            let made = Set((paths[..<head] + paths[(paths.count - tail)...]).filter(named.contains))
            gone.removeAll(where: made.contains)
        }
        return (matched, gone)
    }

    @Sendable static func pathHash(_ path: String) -> UInt64 { ContextHash.of(text: path) }

    /// Every path's `pathHash`, on every core.
    static func pathHashes(_ paths: [String]) -> [UInt64] { ParallelMap.batched(paths.count) { pathHash(paths[$0]) } }

    /// Where each of `range` of `paths` is, found by a hash of its bytes: after a listing is
    /// added, its papers' pages come before most others, and a table and a set of 350k
    /// Strings (at 100k papers) were 0.36 s of that rebuild, on one core. A path named twice is
    /// found at its first place; one whose hash another path has, in a table of its own.
    /// (The hashes looked up in a `KeyTable`: in a `Dictionary`, each hashed again going in
    /// and at each of 650k lookups, they were 0.19 billion instructions of that rebuild.)
    private struct Places: Sendable {
        private let paths: [String]
        private let range: Range<Int>
        private let hashes: [UInt64]  // by place in the range
        private let hash: @Sendable (String) -> UInt64
        private let byHash: KeyTable  // (places in the range)
        private var others: [String: Int] = [:]

        init(_ paths: [String], _ range: Range<Int>, hash: @escaping @Sendable (String) -> UInt64) {
            (self.paths, self.range, self.hash) = (paths, range, hash)
            hashes = ParallelMap.batched(range.count, batch: 4096) { hash(paths[range.lowerBound + $0]) }
            byHash = KeyTable(hashes)
            // (Paths that share a hash, or a path named twice, only when some hash is there twice.)
            guard byHash.hasRepeats else { return }
            for (n, hash) in hashes.enumerated() {
                let (first, i) = (range.lowerBound + byHash.place(of: hash)!, range.lowerBound + n)
                if first != i, paths[first] != paths[i], others[paths[i]] == nil { others[paths[i]] = i }
            }
        }

        /// The first place of `path` in the range, if it is there. (`made`: its hash, when made.)
        func place(of path: String, hash made: UInt64? = nil) -> Int? {
            if let n = byHash.place(of: made ?? hash(path)), paths[range.lowerBound + n] == path { return range.lowerBound + n }
            return others.isEmpty ? nil : others[path]
        }

        /// The first place in the range of the path at place `i` there.
        func first(_ i: Int) -> Int {
            let first = range.lowerBound + byHash.place(of: hashes[i - range.lowerBound])!
            return paths[first] == paths[i] ? first : others[paths[i]]!
        }
    }
}

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
    func matched(to outputs: [String]) -> (hashes: [UInt64?], gone: [String]) {
        let shorter = min(outputs.count, paths.count)
        var head = 0
        while head < shorter, outputs[head] == paths[head] { head += 1 }
        var tail = 0
        while tail < shorter - head, outputs[outputs.count - 1 - tail] == paths[paths.count - 1 - tail] { tail += 1 }
        // A path is in a list once, so one between the ends of either list is between the ends
        // of both, or in one only.
        let (was, now) = (head..<(paths.count - tail), head..<(outputs.count - tail))
        let byPath = Dictionary(zip(paths[was], hashes[was]), uniquingKeysWith: { first, _ in first })
        let current = Set(outputs[now])
        var gone = paths[was].filter { !current.contains($0) }
        if !gone.isEmpty {
            // (Unless the table names a path twice, which no build writes: then it may be one
            // of those the ends have, still made.)
            let named = Set(gone)
            let made = Set((paths[..<head] + paths[(paths.count - tail)...]).filter(named.contains))
            gone.removeAll(where: made.contains)
        }
        return (hashes[..<head].map { $0 } + outputs[now].map { byPath[$0] } + hashes[(paths.count - tail)...].map { $0 }, gone)
    }
}

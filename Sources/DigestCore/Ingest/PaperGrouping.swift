/// Finds which entries (and existing records) are the same paper: any shared identity key
/// — normalised title, or normalised abstract — joins them, transitively.
struct PaperGrouping {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ x: Int) -> Int {
        var root = x
        while parent[root] != root { root = parent[root] }
        var node = x
        while parent[node] != root { let next = parent[node]; parent[node] = root; node = next }
        return root
    }

    mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        // The smaller index becomes the root, so groups do not depend on union order.
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    /// Groups of node indices, each sorted, in order of their smallest member.
    static func groups<Key: Hashable>(keys: [[Key]]) -> [[Int]] {
        var grouping = PaperGrouping(count: keys.count)
        var owner: [Key: Int] = [:]
        for (node, nodeKeys) in keys.enumerated() {
            for key in nodeKeys {
                if let other = owner[key] { grouping.union(node, other) } else { owner[key] = node }
            }
        }
        var byRoot: [Int: [Int]] = [:]
        for node in keys.indices { byRoot[grouping.find(node), default: []].append(node) }
        return byRoot.keys.sorted().map { byRoot[$0]! }
    }
}

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

    /// Groups of node indices, each sorted, in order of their smallest member. A group's root
    /// is its smallest member (`union`), so walking the nodes in order meets each root first.
    private mutating func groups() -> [[Int]] {
        var groupOfRoot = [Int](repeating: -1, count: parent.count)
        var groups: [[Int]] = []
        for node in parent.indices {
            let root = find(node)
            if root == node {
                groupOfRoot[node] = groups.count
                groups.append([node])
            } else {
                groups[groupOfRoot[root]].append(node)
            }
        }
        return groups
    }

    /// The groups that nodes sharing any key make, transitively (see `groups()` for the order).
    static func groups<Key: Hashable>(keys: [[Key]]) -> [[Int]] {
        var grouping = PaperGrouping(count: keys.count)
        var owner: [Key: Int] = [:]
        for (node, nodeKeys) in keys.enumerated() {
            for key in nodeKeys {
                if let other = owner[key] { grouping.union(node, other) } else { owner[key] = node }
            }
        }
        return grouping.groups()
    }

    /// The same groups, with each key's hash given: a key (a whole abstract) is looked up by
    /// its 64-bit hash and compared only with the keys of the same hash, instead of
    /// being hashed again into a dictionary of strings on one core. A collision cannot join
    /// two papers. (Keys equal only under Unicode's canonical equivalence do not meet here, as
    /// in the record index; keys are made from NFC text.)
    static func groups(keys: [[String]], hashes: [[UInt64]]) -> [[Int]] {
        precondition(keys.count == hashes.count)
        var grouping = PaperGrouping(count: keys.count)
        // The first key of each hash, and apart (an array each) the rare others of the same
        // hash: an array for every key was an allocation for each of 60k keys, on one core.
        var owners: [UInt64: (node: Int, key: Int)] = [:]
        var others: [UInt64: [(node: Int, key: Int)]] = [:]
        owners.reserveCapacity(keys.count * 2)
        for node in keys.indices {
            for (k, hash) in hashes[node].enumerated() {
                let key = keys[node][k]
                guard let first = owners[hash] else { owners[hash] = (node, k); continue }
                if keys[first.node][first.key] == key {
                    grouping.union(node, first.node)
                } else if let owner = others[hash]?.first(where: { keys[$0.node][$0.key] == key }) {
                    grouping.union(node, owner.node)
                } else {
                    others[hash, default: []].append((node, k))
                }
            }
        }
        return grouping.groups()
    }
}

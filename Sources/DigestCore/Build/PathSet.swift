/// A set of paths that most of a rebuild's outputs are asked about and are not in: the paths
/// the last build wrote or removed (`SiteStaging.stale`), which every kept output, and every
/// output of the site, is looked for among. A bit per path's `OutputHashes.pathHash` answers
/// most of those no; only a path whose bit is set is looked up in the set. (Looked up in a
/// `Set<String>` alone, each was hashed with Swift's seeded hash: 780k Strings in an edit at
/// 100k papers, 1.7% of its instructions.)
struct PathSet: Sendable {
    let paths: Set<String>
    /// A bit per `pathHash` modulo its count: 16 bits or more per path, so that one path in
    /// about 16 not in the set or fewer is looked up.
    private let bits: [UInt64]
    private let mask: UInt64

    init(_ paths: Set<String> = []) {
        self.paths = paths
        var count = 1 << 10
        while count < paths.count * 16 { count <<= 1 }
        mask = UInt64(count - 1)
        var bits = [UInt64](repeating: 0, count: count / 64)
        for path in paths {
            let bit = OutputHashes.pathHash(path) & mask
            bits[Int(bit >> 6)] |= 1 << (bit & 63)
        }
        self.bits = bits
    }

    var isEmpty: Bool { paths.isEmpty }

    func contains(_ path: String) -> Bool {
        contains(path, hash: OutputHashes.pathHash(path))
    }

    /// The same, with the path's `OutputHashes.pathHash` made already, or made only when the
    /// set has paths.
    func contains(_ path: String, hash: @autoclosure () -> UInt64) -> Bool {
        mayContain(hash: hash()) && paths.contains(path)
    }

    /// Whether a path whose `OutputHashes.pathHash` is `hash` may be in the set: false tells
    /// it is not, without the path.
    func mayContain(hash: @autoclosure () -> UInt64) -> Bool {
        guard !paths.isEmpty else { return false }
        let bit = hash() & mask
        return bits[Int(bit >> 6)] & (1 << (bit & 63)) != 0
    }
}

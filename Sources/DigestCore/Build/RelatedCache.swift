import Foundation

/// The related papers the last build made, in `.digest-cache/related.bin`, under the hash of
/// all they are made from: every paper's title and abstract, in the model's order (which breaks
/// ties), and the `digest` that made them. An edit that leaves those alone — tags, authors,
/// venue, a date that keeps the order — takes them from here: at 100k papers making them is
/// 3.5 s of a rebuild, the hash 0.1 s.
enum RelatedCache {
    static let version = "digest-related-cache 1 " + SiteBuild.version

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/related.bin") }

    /// The related papers of `papers` (in the model's order): the cached lists when they were
    /// made from the same, else made and kept for the next build.
    static func lists(_ papers: [Paper], path: String, useCached: Bool) -> [[Int]] {
        let key = key(papers)
        if useCached, let cached = read(path, key: key, papers: papers.count) { return cached }
        let lists = RelatedPapers.compute(papers)
        write(lists, key: key, to: path)
        return lists
    }

    static func key(_ papers: [Paper]) -> UInt64 {
        let each = ParallelMap.run(papers.count) { i in
            var hash = ContextHash()
            hash.add(tag: 1, papers[i].title)
            hash.add(tag: 2, papers[i].abstract)
            return hash.value
        }
        var hash = ContextHash()
        if let program = FileStamp(path: "/proc/self/exe", followingLinks: true) { hash.add(program) }
        each.withUnsafeBytes { hash.add($0) }
        return hash.value
    }

    /// The lists kept under `key`; nil when there are none, they were made from other papers,
    /// or the file does not read as lists of `papers` papers.
    static func read(_ path: String, key: UInt64, papers: Int) -> [[Int]]? {
        guard var wire = CacheFile.read(path, version: version), UInt64.read(from: &wire) == key,
              let count = UInt64.read(from: &wire), count == papers else { return nil }
        var lists: [[Int]] = []
        lists.reserveCapacity(papers)
        for _ in 0..<papers {
            guard let list = [Int].read(from: &wire), list.allSatisfy({ (0..<papers).contains($0) }) else { return nil }
            lists.append(list)
        }
        return wire.at == wire.bytes.count ? lists : nil
    }

    static func write(_ lists: [[Int]], key: UInt64, to path: String) {
        CacheFile.write(path, version: version) { wire in
            key.write(to: &wire)
            UInt64(lists.count).write(to: &wire)
            for list in lists { list.write(to: &wire) }
        }
    }
}

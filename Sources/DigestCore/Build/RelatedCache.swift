import Foundation

/// The related papers the last build made, in `.digest-cache/related.bin`, under the hash of
/// all they are made from: every paper's title and abstract, in the model's order (which breaks
/// ties), and the `digest` that made them. An edit that leaves those alone — tags, authors,
/// venue, a date that keeps the order — takes them from here: at 100k papers making them is
/// 3.5 s of a rebuild, the hash 0.1 s.
enum RelatedCache {
    static let version = "digest-related-cache 1 " + SiteBuild.version

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/related.bin") }

    /// Each paper's terms (`Terms`), beside the lists.
    static func termsPath(_ site: SitePaths) -> String { site.path(".digest-cache/related-terms.bin") }

    /// The related papers of `papers` (in the model's order): the cached lists when they were
    /// made from the same, else made and kept for the next build — from the terms kept at
    /// `termsPath` for the papers whose title and abstract are the same as then. `textKeys`:
    /// the papers' `KeptWords.textKeys`, when the build has them already.
    static func lists(_ papers: [Paper], textKeys: [UInt64]? = nil, path: String, termsPath: String? = nil, useCached: Bool) -> [[Int]] {
        let textKeys = textKeys ?? KeptWords.textKeys(papers)
        let key = key(textKeys: textKeys)
        if useCached, let cached = read(path, key: key, papers: papers.count) { return cached }
        let lists = RelatedPapers.compute(papers, termCache: termsPath.map { ($0, useCached) }, textKeys: textKeys)
        write(lists, key: key, to: path)
        return lists
    }

    static func key(textKeys: [UInt64]) -> UInt64 {
        var hash = ContextHash()
        if let program = FileStamp.program { hash.add(program) }
        textKeys.withUnsafeBytes { hash.add($0) }
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

    /// Each paper's terms as `RelatedPapers.ChunkTerms` counted them (`KeptWords`), with their
    /// weighted counts: at 100k papers counting them was 2 of a title edit's 7 CPU-seconds of
    /// related papers. The weights are made anew from every paper's terms.
    struct Terms: Sendable {
        static let version = "digest-related-terms 1 " + SiteBuild.version
        let kept: KeptWords
        let tfs: [Float]

        static func read(_ path: String) -> Terms? {
            guard var wire = CacheFile.read(path, version: version), let kept = KeptWords.read(from: &wire),
                  let bits = RawWire.read(UInt32.self, from: &wire), wire.at == wire.bytes.count,
                  bits.count == kept.terms.count else { return nil }
            return Terms(kept: kept, tfs: bits.map(Float.init(bitPattern:)))
        }

        /// The chunks' terms, as ids into `words` (`globals`: each chunk's ids there).
        static func write(_ chunks: [RelatedPapers.ChunkTerms], globals: [[Int]], words: TermTable.Words, to path: String) {
            // Each run's ids mapped to the merged table's as it is written, one run at a time.
            let terms = zip(chunks, globals).lazy.map { chunk, global in chunk.terms.map { Int32(global[Int($0)]) } }
            CacheFile.write(path, version: version) { (writer: inout CacheWriter) in
                try KeptWords.write(words: words, runs: chunks.map { ($0.keys, $0.papers, $0.terms.count) }, terms: terms, to: &writer)
                try writer.raw(chunks.lazy.map { $0.tfs.map(\.bitPattern) }, count: chunks.reduce(0) { $0 + $1.terms.count })
            }
        }
    }
}

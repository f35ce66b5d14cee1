import Foundation

/// Each paper's list item (`SiteRenderer.markedItem`: its root left as the mark) as the last
/// build made it, by the hash of all it is made from (`SiteRenderer.summaryHashes`), in
/// `.digest-cache/items.bin` under the build's fingerprint (templates, settings, `digest`).
/// A listing moves the counts on every home and tag page, so a rebuild renders those pages
/// again and lists every paper: at 100k papers, 100k items made anew in each render worker,
/// a tenth of the rebuild's CPU. From here they are copied, and only new or changed ones made.
struct ItemsCache: Sendable {
    static let version = CacheFile.ofThisDigest("digest-items-cache 1 " + SiteBuild.version)

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/items.bin") }

    /// The items' hashes, in ascending order, each item's end in `text`, and their bytes.
    private let hashes: WireArray<UInt64>
    private let ends: WireArray<UInt32>
    private let text: WireArray<UInt8>

    /// The items kept under `fingerprint`; nil when there are none, another build's
    /// fingerprint or another `digest` kept them, or the file does not read whole.
    static func read(_ path: String, fingerprint: String) -> ItemsCache? {
        guard var wire = CacheFile.read(path, version: version), String.read(from: &wire) == fingerprint,
              let hashes = RawWire.view(UInt64.self, from: &wire), let ends = RawWire.view(UInt32.self, from: &wire),
              let text = RawWire.view(UInt8.self, from: &wire), wire.at == wire.count,
              ends.count == hashes.count, RawWire.ends(ends, reach: text.count),
              zip(hashes, hashes.dropFirst()).allSatisfy({ $0 < $1 })
        else { return nil }
        return ItemsCache(hashes: hashes, ends: ends, text: text)
    }

    /// The item made from what `hash` stands for, if one is kept.
    func item(_ hash: UInt64) -> String? {
        place(hash).map { at in bytes(at: at) { String(decoding: $0, as: UTF8.self) } }
    }

    func has(_ hash: UInt64) -> Bool { place(hash) != nil }

    /// The bytes of the item kept at `place`, as the file has them: a list copies them from there.
    func bytes<R>(at place: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = place == 0 ? 0 : Int(ends[place - 1])
        return text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<Int(ends[place])])) }
    }

    /// Where the item made from what `hash` stands for is kept, if it is.
    func place(_ hash: UInt64) -> Int? {
        var (low, high) = (0, hashes.count)
        while low < high {
            let mid = (low + high) / 2
            if hashes[mid] < hash { low = mid + 1 } else { high = mid }
        }
        return low < hashes.count && hashes[low] == hash ? low : nil
    }

    /// Keeps `items` (each with its hash; one hash, one item) for the next build. Their bytes go
    /// to the file in runs of about `runBytes`: made one array first, grown by doubling, they
    /// were 100 MB at 100k papers at once, at a full build's peak of memory.
    static func write(_ items: [(hash: UInt64, html: String)], fingerprint: String, to path: String, runBytes: Int = 1 << 20) {
        let sorted = items.sorted { $0.hash < $1.hash }
        var hashes: [UInt64] = [], ends: [UInt32] = [], kept: [String] = []
        hashes.reserveCapacity(sorted.count)
        ends.reserveCapacity(sorted.count)
        kept.reserveCapacity(sorted.count)
        var size = 0
        for (hash, html) in sorted where hashes.last != hash {
            hashes.append(hash)
            kept.append(html)
            size += html.utf8.count
            ends.append(UInt32(size))
        }
        let runs = sequence(state: 0) { (next: inout Int) -> [UInt8]? in
            guard next < kept.count else { return nil }
            var run: [UInt8] = []
            run.reserveCapacity(runBytes + 4096)
            while next < kept.count && run.count < runBytes {
                run += kept[next].utf8
                next += 1
            }
            return run
        }
        CacheFile.write(path, version: version) { (writer: inout CacheWriter) in
            fingerprint.write(to: &writer.bytes)
            try writer.raw(hashes)
            try writer.raw(ends)
            try writer.raw(runs, count: size)
        }
    }

    /// A rebuild's list items: those the last build kept (`ItemsCache`) where made from the
    /// same, the others made here, before the render workers fork, so each worker need not
    /// make them and the cache can keep them. The cache is written again (in the background:
    /// the task returned) after a full build, or when more than one item in 64 was made.
    static func take(for renderer: SiteRenderer, incremental: Bool, path: String, fingerprint: String,
                     useCached: Bool) -> BackgroundTask<Void>? {
        let kept = incremental && useCached ? read(path, fingerprint: fingerprint) : nil
        let made = incremental ? renderer.items.keep(kept, renderer: renderer) : renderer.summaryHashes.count
        guard kept == nil || made * 64 > renderer.summaryHashes.count else { return nil }
        // (The items are taken out of the memo here: a worker forked while another thread held
        // its lock would find it held for ever.)
        let items = renderer.items.toKeep(renderer)
        return BackgroundTask { write(items, fingerprint: fingerprint, to: path) }
    }
}

import Algorithms

/// Where each paper page's related list lies in the page as the site has it, beside the build
/// cache (`build-<output>.spans`): a rebuild whose only change to a paper's page is its list
/// of related papers puts the new list's bytes in place of the old ones (`RelatedBlock`)
/// rather than rendering the page. A 150-paper listing at 100k papers rewrites 3.6k paper
/// pages, 3.4k of them for their lists alone (the new papers' words move every score a
/// little): each page's context (its abstract through cmark, its BibTeX, citation tags,
/// JSON-LD) and its render were ~85 µs of CPU, a tenth of the rebuild's.
///
/// An entry holds what the rest of the page is made from (`SiteRenderer.paperBase`), the
/// page's length and the list's bytes in it. The file names the site it describes by its seal
/// (`SiteSeal`): read with the build cache of the same seal, it describes the pages that build
/// left. (A build stopped before both were written leaves no build cache, which a build removes
/// before it puts a site in place, or a seal that does not match.) A page is taken only when
/// the file itself was changed before the seal (not written over by hand since), and is as long
/// as its entry says.
struct PageSpans: Sendable {
    static let version = CacheFile.ofThisDigest("digest-page-spans 1 " + SiteBuild.version)

    struct Entry: Equatable, Sendable {
        /// `SiteRenderer.paperBase` of the page: all it shows but its related list.
        var base: UInt64
        /// The page's length, and where its related list's bytes start and end in it.
        var size: UInt32
        var start: UInt32
        var end: UInt32
    }

    /// Beside the build cache at `buildCache` (`BuildCache.path`), for the same output folder.
    static func path(besides buildCache: String) -> String {
        (buildCache.hasSuffix(".tsv") ? String(buildCache.dropLast(4)) : buildCache) + ".spans"
    }

    /// The paper keys (`RelatedPapers.paperKeys`), ascending, and each one's entry.
    private let keys: WireArray<UInt64>
    private let bases: WireArray<UInt64>
    private let places: WireArray<UInt32>  // size, start, end: three per key

    /// The spans of the site sealed at `seal`, kept under `fingerprint` (the build's:
    /// templates, settings); nil when there are none, they are another site's, another build's
    /// or another digest's, or the file does not read whole.
    static func read(_ path: String, seal: UInt64, fingerprint: String) -> PageSpans? {
        guard seal > 0, var wire = CacheFile.read(path, version: version), UInt64.read(from: &wire) == seal,
              String.read(from: &wire) == fingerprint,
              let keys = RawWire.view(UInt64.self, from: &wire), let bases = RawWire.view(UInt64.self, from: &wire),
              let places = RawWire.view(UInt32.self, from: &wire), wire.at == wire.count,
              bases.count == keys.count, places.count == 3 * keys.count,
              zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 })
        else { return nil }
        return PageSpans(keys: keys, bases: bases, places: places)
    }

    var count: Int { keys.count }

    func key(at place: Int) -> UInt64 { keys[place] }

    /// The entry at `place` (in the order of keys); nil for one whose span is not in its page.
    func entry(at place: Int) -> Entry? {
        let (size, start, end) = (places[3 * place], places[3 * place + 1], places[3 * place + 2])
        guard start <= end, end <= size else { return nil }
        return Entry(base: bases[place], size: size, start: start, end: end)
    }

    /// The entry of the page of the paper with `key`, if one is kept.
    func entry(_ key: UInt64) -> Entry? {
        let place = keys.partitioningIndex { $0 >= key }
        return place < keys.count && keys[place] == key ? entry(at: place) : nil
    }

    /// Keeps `entries` (one per key) of the site sealed at `seal` for the next build, sorted by
    /// key. (Sorted runs are taken as they are: entries kept in order with a few new ones after
    /// them sort in about one pass.)
    static func write(_ entries: [(key: UInt64, entry: Entry)], seal: UInt64, fingerprint: String, to path: String) {
        let sorted = entries.sorted { $0.key < $1.key }
        var keys: [UInt64] = [], bases: [UInt64] = [], places: [UInt32] = []
        keys.reserveCapacity(sorted.count)
        bases.reserveCapacity(sorted.count)
        places.reserveCapacity(3 * sorted.count)
        for (key, entry) in sorted where keys.last != key {
            keys.append(key)
            bases.append(entry.base)
            places.append(entry.size)
            places.append(entry.start)
            places.append(entry.end)
        }
        CacheFile.write(path, version: version) { (writer: inout CacheWriter) in
            seal.write(to: &writer.bytes)
            fingerprint.write(to: &writer.bytes)
            try writer.raw(keys)
            try writer.raw(bases)
            try writer.raw(places)
        }
    }
}

extension PageSpans.Entry {
    /// The list at `span` of a page `size` bytes long; nil past what the file keeps (4 GB).
    init?(_ span: Range<Int>, in size: Int, base: UInt64) {
        guard span.upperBound <= size, let size = UInt32(exactly: size) else { return nil }
        self.init(base: base, size: size, start: UInt32(span.lowerBound), end: UInt32(span.upperBound))
    }
}

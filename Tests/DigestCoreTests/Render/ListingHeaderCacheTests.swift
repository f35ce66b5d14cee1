import Foundation
import Testing
@testable import DigestCore

/// What each listing says of itself, kept in `.digest-cache/listings.bin`: taken from there only
/// for the same file (by its stamp) and the same format asked in `digest.yml`; else parsed.
@Suite struct ListingHeaderCacheTests {
    func infos(_ site: SitePaths, _ names: [String], config: SiteConfig = SiteConfig(), cache: String?, useCached: Bool = true) -> [String: ListingInfo] {
        ListingHeaderCache.infos(names, listings: site.listings, config: config, path: cache, useCached: useCached)
    }

    /// A kept entry's venue replaced, under the listing's real stamp.
    func plant(_ name: String, venue: String, in cache: String) throws {
        var kept = ListingHeaderCache.read(cache)
        let entry = try #require(kept[name])
        var header = entry.info.header
        header.venue = venue
        kept[name] = .init(stamp: entry.stamp, asked: entry.asked, info: ListingInfo(format: entry.info.format, header: header))
        ListingHeaderCache.write(kept.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, to: cache)
    }

    @Test func keptHeadersAreUsedOnlyForTheSameFileAndFormat() throws {
        let site = SitePaths(root: try Fixtures.site())
        let names = try FileManager.default.contentsOfDirectory(atPath: site.listings).sorted()
        let cache = site.root + "/listings.bin"
        let parsed = infos(site, names, cache: nil)
        #expect(parsed.count == names.count && parsed.values.contains { $0.header != ListingHeader() } && parsed.values.contains { $0.format == .dailyPapers })
        // Made and kept, then read back: the same formats and headers.
        for infos in [infos(site, names, cache: cache), infos(site, names, cache: cache)] {
            for name in names { #expect(infos[name]?.format == parsed[name]?.format && infos[name]?.header == parsed[name]?.header) }
        }
        #expect(ListingHeaderCache.read(cache).count == names.count)

        let name = try #require(names.first { parsed[$0]?.format == .posterSession })
        try plant(name, venue: "Planted", in: cache)
        #expect(infos(site, names, cache: cache)[name]?.header.venue == "Planted")
        #expect(infos(site, names, cache: cache, useCached: false)[name]?.header == parsed[name]?.header)

        // Another format asked for the listing: parsed again.
        try plant(name, venue: "Planted", in: cache)
        var config = SiteConfig()
        config.listings[name] = ListingSettings(format: .abstractList)
        #expect(infos(site, names, config: config, cache: cache)[name]?.format == .abstractList)

        // The file written again, the same bytes: a new stamp, parsed again. (Kept first as
        // asked by no format, and the planted venue seen, so only the stamp can tell.)
        _ = infos(site, names, cache: cache)
        try plant(name, venue: "Planted", in: cache)
        #expect(infos(site, names, cache: cache)[name]?.header.venue == "Planted")
        let file = site.listings + "/" + name
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        try FileManager.default.removeItem(atPath: file)
        try bytes.write(to: URL(fileURLWithPath: file))
        #expect(infos(site, names, cache: cache)[name]?.header == parsed[name]?.header)
    }
}

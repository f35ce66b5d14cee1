import Foundation

/// What the last ingest read and said, in `.digest-cache/ingest.json` (not committed). When
/// nothing it read has changed — the listings' bytes, `digest.yml`, `tags.yml`, the records
/// (names, sizes, modification times), the options, digest's version — an ingest would
/// parse everything again only to write nothing, so it repeats the last report instead.
/// That makes re-running ingest in CI on every push cost a hash of the listings.
struct IngestCache: Codable {
    static let version = "digest-ingest-cache 1"
    var version: String
    var fingerprint: String
    var report: IngestReport

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/ingest.json") }

    static func load(_ site: SitePaths) -> IngestCache? {
        guard let data = FileManager.default.contents(atPath: path(site)),
              let cache = try? JSONDecoder().decode(IngestCache.self, from: data), cache.version == version else { return nil }
        return cache
    }

    static func save(_ report: IngestReport, fingerprint: String, site: SitePaths) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(IngestCache(version: version, fingerprint: fingerprint, report: report)) else { return }
        try? FileManager.default.createDirectory(atPath: site.path(".digest-cache"), withIntermediateDirectories: true)
        try? AtomicFile.write([UInt8](data), to: path(site))
    }

    static func remove(_ site: SitePaths) { try? FileManager.default.removeItem(atPath: path(site)) }

    /// Everything an ingest's outcome depends on. Listings are hashed by content (a listing
    /// copied in again is the same listing); records by size and modification time, which
    /// change whenever anyone — ingest or a person — writes one.
    static func fingerprint(site: SitePaths, inputs: [ListingFiles.File], options: IngestOptions) -> String {
        var hash = ContextHash()
        hash.add(tag: 1, version + " " + SiteBuild.version)
        hash.add(tag: 2, "\(options.today.year)-\(options.today.month)-\(options.today.day)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        hash.add((try? encoder.encode(options.settings)).map { [UInt8]($0) } ?? [])
        for file in [SiteConfig.fileName, TagVocabulary.fileName] {
            hash.add(tag: 3, file)
            hash.add(FileManager.default.contents(atPath: site.path(file)) ?? Data())
        }
        // The inputs, and every listing in the site: ingest reads those its records came from.
        let siteListings = ((try? FileManager.default.contentsOfDirectory(atPath: site.listings)) ?? []).sorted()
            .map { ListingFiles.File(path: site.listings + "/" + $0, name: $0) }
        var seen = Set<String>()
        for file in inputs + siteListings where seen.insert(file.path).inserted {  // inputs are usually the site's own
            hash.add(tag: 4, file.path)
            hash.add(FileManager.default.contents(atPath: file.path) ?? Data())
        }
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: site.papers)) ?? []).sorted() {
            var info = stat()
            guard stat(site.papers + "/" + name, &info) == 0 else { continue }
            hash.add(tag: 5, "\(name) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)")
        }
        return String(hash.value, radix: 16)
    }
}

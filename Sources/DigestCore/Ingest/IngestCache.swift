import Foundation

/// What the last ingest said, in `.digest-cache/ingest-FINGERPRINT.bin` (not committed), where
/// the fingerprint covers everything it read: the listings' bytes, `digest.yml`, `tags.yml`,
/// the records (their `FileStamp`s), the options, digest's version. When none of
/// it has changed, an ingest would parse everything again only to write nothing, so it repeats
/// that report instead. That makes re-running ingest in CI on every push cost a hash of the
/// listings. The fingerprint is in the file's name so that the report (megabytes of JSON for a
/// large site) can be encoded before the records' new stamps are known (`Ingest.run` does it
/// while they are written), and is read only when it applies.
enum IngestCache {
    static let version = "digest-ingest-cache 7"

    static func folder(_ site: SitePaths) -> String { site.path(".digest-cache") }

    static func path(_ site: SitePaths, fingerprint: String) -> String { folder(site) + "/ingest-\(fingerprint).bin" }

    /// The cache files there are (normally one), by name; with the JSON an older digest kept,
    /// so that the next save takes it out.
    static func files(_ site: SitePaths) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder(site))) ?? [])
            .filter { $0.hasPrefix("ingest") && ($0.hasSuffix(".bin") || $0.hasSuffix(".json")) }.sorted()
    }

    /// The report saved when everything read was as it is now; the fingerprint is only taken
    /// when there is a cache to compare it with.
    static func report(_ site: SitePaths, fingerprint: () -> String) -> IngestReport? {
        guard !files(site).isEmpty, var wire = CacheFile.read(path(site, fingerprint: fingerprint()), version: version) else { return nil }
        return IngestReport.read(from: &wire)
    }

    /// The report as the cache keeps it (`IngestReport+Wire`).
    static func encode(_ report: IngestReport) -> [UInt8] {
        var wire = CacheFile.header(version)  // saved later (`save`), once its fingerprint is known
        report.write(to: &wire)
        return wire
    }

    /// Saves a report (`encode`) under the fingerprint of what it was made from.
    static func save(_ report: [UInt8], site: SitePaths, fingerprint: String) {
        try? FileManager.default.createDirectory(atPath: folder(site), withIntermediateDirectories: true)
        let target = path(site, fingerprint: fingerprint)
        guard (try? AtomicFile.write(report, to: target)) != nil else { return }
        remove(site, keeping: FilePath.name(of: target))
    }

    static func remove(_ site: SitePaths, keeping kept: String? = nil) {
        for name in files(site) where name != kept { try? FileManager.default.removeItem(atPath: folder(site) + "/" + name) }
    }

    /// What the fingerprint takes of a listing's bytes; an ingest makes it of the bytes it
    /// parsed (`known` below), so that a listing is not read again for it.
    static func digest(of listing: [UInt8]) -> UInt64 { ContextHash.of(bytes: listing) }

    /// Everything an ingest's outcome depends on. Listings are hashed by content (a listing
    /// copied in again is the same listing), each on a core of its own; records by their file
    /// stamps, which change whenever anyone — ingest or a person — writes one.
    /// `known`: the `digest` of listings already read, by path.
    static func fingerprint(site: SitePaths, inputs: [ListingFiles.File], options: IngestOptions, records: [(id: String, stamp: FileStamp?)],
                            known: [String: UInt64] = [:]) -> String {
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
        let listings = (inputs + siteListings).filter { seen.insert($0.path).inserted }  // inputs are usually the site's own
        let digests = ParallelMap.run(listings.count) { i in
            known[listings[i].path] ?? digest(of: FileBytes.read(listings[i].path) ?? [])
        }
        for (file, digest) in zip(listings, digests) { hash.add(tag: 4, file.path + " " + String(digest, radix: 16)) }
        // In the store's order (`RecordStore.stampedIDs`), which both fingerprints of an ingest
        // keep; a record that could not be stated is left out.
        for (id, stamp) in records { if let stamp { hash.add(tag: 5, id); hash.add(stamp) } }
        return String(hash.value, radix: 16)
    }
}

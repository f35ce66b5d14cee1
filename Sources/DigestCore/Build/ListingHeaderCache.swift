import Foundation

/// What each listing file says of itself (its format and header: venue, session, date…), in
/// `.digest-cache/listings.bin`, under the file's stamp and the format `digest.yml` gives it.
/// A source page's title is made from it, and finding it means detecting the format and parsing
/// the whole listing: the three 10k-paper listings of the benchmarks (42 MB) took 0.13 s of
/// CPU, on one core, in every build, however little had changed.
enum ListingHeaderCache {
    static let version = CacheFile.ofThisDigest("digest-listing-headers 1 " + SiteBuild.version)

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/listings.bin") }

    struct Entry: Sendable {
        let stamp: FileStamp
        /// The format `digest.yml` names for the listing, if any.
        let asked: ListingFormat?
        let info: ListingInfo
    }

    /// The listings `names` (in `listings`) as `ListingInfo`, those whose file and asked format
    /// are as `path` keeps them taken from there, the others read and parsed (on every core);
    /// the cache is written again when any was. A listing that is a link or cannot be read is
    /// left out (its source page is plainer).
    static func infos(_ names: [String], listings folder: String, config: SiteConfig, path: String?, useCached: Bool) -> [String: ListingInfo] {
        let kept = useCached ? path.map(read) ?? [:] : [:]
        let entries = ParallelMap.run(names.count) { i -> (entry: Entry, parsed: Bool)? in
            let file = folder + "/" + names[i]
            guard !SymbolicLink.isLink(file), let stamp = FileStamp(path: file) else { return nil }
            let asked = config.listings[names[i]]?.format
            if let hit = kept[names[i]], hit.stamp == stamp, hit.asked == asked { return (hit, false) }
            guard let bytes = FileManager.default.contents(atPath: file) else { return nil }
            let text = ListingText(path: names[i], name: names[i], bytes: bytes)
            let format = asked ?? FormatDetector.detect(text)
            let header = format.map { $0.parser.parse(text).header } ?? ListingHeader()
            return (Entry(stamp: stamp, asked: asked, info: ListingInfo(format: format, header: header)), true)
        }
        var infos: [String: ListingInfo] = [:]
        var made: [(key: String, value: Entry)] = []
        for (name, result) in zip(names, entries) {
            guard let result else { continue }
            infos[name] = result.entry.info
            made.append((name, result.entry))
        }
        if let path, entries.contains(where: { $0?.parsed ?? false }) || made.count != kept.count { write(made, to: path) }
        return infos
    }

    static func read(_ path: String) -> [String: Entry] {
        CacheFile.entries(path, version: version) { wire in
            guard let name = String.read(from: &wire), let stamp = FileStamp.read(from: &wire),
                  let asked = String?.read(from: &wire), let format = String?.read(from: &wire),
                  let header = ListingHeader.read(from: &wire) else { return nil }
            let askedFormat = asked.flatMap(ListingFormat.init(rawValue:)), detected = format.flatMap(ListingFormat.init(rawValue:))
            guard (asked == nil) == (askedFormat == nil), (format == nil) == (detected == nil) else { return nil }
            return (name, Entry(stamp: stamp, asked: askedFormat, info: ListingInfo(format: detected, header: header)))
        }
    }

    static func write(_ entries: [(key: String, value: Entry)], to path: String) {
        CacheFile.write(path, version: version, entries: entries) { entry, wire in
            entry.key.write(to: &wire)
            entry.value.stamp.write(to: &wire)
            (entry.value.asked?.rawValue).write(to: &wire)
            (entry.value.info.format?.rawValue).write(to: &wire)
            entry.value.info.header.write(to: &wire)
        }
    }
}

extension ListingHeader: WireValue {
    func write(to wire: inout [UInt8]) {
        for text in [affiliation, venue, session, room, presentation] { text.write(to: &wire) }
        (date != nil).write(to: &wire)
        if let date {
            date.year.write(to: &wire)
            date.month.write(to: &wire)
            date.day.write(to: &wire)
        }
    }

    static func read(from wire: inout WireReader) -> ListingHeader? {
        guard let affiliation = String?.read(from: &wire), let venue = String?.read(from: &wire),
              let session = String?.read(from: &wire), let room = String?.read(from: &wire),
              let presentation = String?.read(from: &wire), let dated = Bool.read(from: &wire) else { return nil }
        var header = ListingHeader()
        (header.affiliation, header.venue, header.session, header.room, header.presentation) = (affiliation, venue, session, room, presentation)
        if dated {
            guard let year = Int?.read(from: &wire), let month = Int.read(from: &wire), let day = Int.read(from: &wire) else { return nil }
            header.date = ListingDate(year: year, month: month, day: day)
        }
        return header
    }
}

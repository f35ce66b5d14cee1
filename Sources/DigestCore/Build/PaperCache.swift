import Foundation

/// The papers the last build read, in `.digest-cache/papers.bin`, each under its record
/// file's stamp with what checking it said: a build parses (Yams) only the records written
/// since. At 100k records, parsing them all was 3.7 s of every rebuild. A record with an error,
/// or one that cannot be read, is not kept: it is read again, and its problem said again.
enum PaperCache {
    static let version = "digest-paper-cache 1 " + SiteBuild.version

    static func path(_ site: SitePaths) -> String { site.path(".digest-cache/papers.bin") }

    struct Entry: Sendable {
        let stamp: FileStamp
        let paper: Paper
        /// Warnings, without the file (the record's own, wherever the site is).
        let warnings: [(line: Int?, message: String)]
    }

    static func read(_ path: String) -> [String: Entry] {
        CacheFile.entries(path, version: version) { wire in
            guard let stamp = FileStamp.read(from: &wire), let paper = Paper.read(from: &wire),
                  let count = UInt64.read(from: &wire), count <= 1024 else { return nil }
            var warnings: [(line: Int?, message: String)] = []
            for _ in 0..<count {
                guard let line = Int?.read(from: &wire), let message = String.read(from: &wire) else { return nil }
                warnings.append((line, message))
            }
            return (paper.id, Entry(stamp: stamp, paper: paper, warnings: warnings))
        }
    }

    static func write(_ entries: [Entry], to path: String) {
        CacheFile.write(path, version: version, entries: entries) { entry, wire in
            entry.stamp.write(to: &wire)
            entry.paper.write(to: &wire)
            UInt64(entry.warnings.count).write(to: &wire)
            for warning in entry.warnings {
                warning.line.write(to: &wire)
                warning.message.write(to: &wire)
            }
        }
    }
}

extension Paper: WireValue {
    func write(to wire: inout [UInt8]) {
        id.write(to: &wire)
        facts.title.write(to: &wire)
        facts.titleInferred.write(to: &wire)
        facts.authors.write(to: &wire)
        facts.authorCount.write(to: &wire)
        for text in [facts.organization, facts.affiliation, facts.date] { text.write(to: &wire) }
        facts.upvotes.write(to: &wire)
        for text in [facts.venue, facts.session, facts.room] { text.write(to: &wire) }
        facts.abstract.write(to: &wire)
        facts.tags.write(to: &wire)
        facts.sources.map(\.listing).write(to: &wire)
        facts.sources.map(\.line).write(to: &wire)
    }

    static func read(from wire: inout WireReader) -> Paper? {
        guard let id = String.read(from: &wire), let title = String.read(from: &wire), let titleInferred = Bool.read(from: &wire),
              let authors = [String].read(from: &wire), let authorCount = Int?.read(from: &wire),
              let organization = String?.read(from: &wire), let affiliation = String?.read(from: &wire), let date = String?.read(from: &wire),
              let upvotes = Int?.read(from: &wire),
              let venue = String?.read(from: &wire), let session = String?.read(from: &wire), let room = String?.read(from: &wire),
              let abstract = String.read(from: &wire), let tags = [String].read(from: &wire),
              let listings = [String].read(from: &wire), let lines = [Int].read(from: &wire), lines.count == listings.count else { return nil }
        var paper = Paper(id: id, title: title)
        paper.facts.titleInferred = titleInferred
        paper.facts.authors = authors
        paper.facts.authorCount = authorCount
        (paper.facts.organization, paper.facts.affiliation, paper.facts.date) = (organization, affiliation, date)
        paper.facts.upvotes = upvotes
        (paper.facts.venue, paper.facts.session, paper.facts.room) = (venue, session, room)
        paper.facts.abstract = abstract
        paper.facts.tags = tags
        paper.facts.sources = zip(listings, lines).map { SourceRef(listing: $0, line: $1) }
        return paper
    }
}

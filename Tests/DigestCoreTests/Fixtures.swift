import Foundation
@testable import DigestCore

/// The real listings, as committed in the sample site's content/listings/.
enum Fixtures {
    static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let listingsFolder = repoRoot + "/content/listings"
    static let abstractList = "000_73e087a1ebbecbfe.txt"
    static let dailyPapers = "001_37758aaf28c704c9.txt"
    static let posterSession = "002_399c9b84d8821e2e.txt"
    static let abstractListNoHeader = "003_4c0baf77e4312006.txt"
    static let dailyPapersWithMeta = "004_6d046406d792592b.txt"
    static let all = [abstractList, dailyPapers, posterSession, abstractListNoHeader, dailyPapersWithMeta]

    static let today = CalendarDay(year: 2026, month: 11, day: 22)

    static func bytes(_ name: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: listingsFolder + "/" + name)!)
    }

    static func listing(_ name: String) -> ListingText {
        ListingText(path: name, name: name, bytes: bytes(name))
    }

    static func parse(_ name: String) -> ParsedListing {
        let text = listing(name)
        return FormatDetector.detect(text)!.parser.parse(text)
    }

    /// One folder per test process for everything the tests write, removed when the process
    /// exits: a run makes hundreds of folders (built sites of 45–160 MB among them), and a
    /// developer's temporary directory should not fill up run after run.
    static let scratchRoot: String = {
        let root = NSTemporaryDirectory() + "digest-tests-\(getpid())"
        atexit { try? FileManager.default.removeItem(atPath: Fixtures.scratchRoot) }
        return root
    }()

    /// A path not yet made, under `scratchRoot`, named for what the test keeps there.
    static func scratch(_ name: String) -> String {
        scratchRoot + "/" + name + "-" + UUID().uuidString
    }

    /// A new site folder holding the given listings and the sample's digest.yml — without its
    /// settings for the poster session when that is not among them (settings for a listing not
    /// there are a warning).
    static func site(listings: [String] = all, transform: ([UInt8]) -> [UInt8] = { $0 }) throws -> String {
        let root = scratch("site")
        try FileManager.default.createDirectory(atPath: root + "/content/listings", withIntermediateDirectories: true)
        for name in listings {
            try Data(transform(bytes(name))).write(to: URL(fileURLWithPath: root + "/content/listings/" + name))
        }
        var config = try String(contentsOfFile: repoRoot + "/digest.yml", encoding: .utf8)
        if !listings.contains(posterSession), let settings = config.range(of: "\nlistings:\n") {
            config = String(config[..<settings.lowerBound]) + "\n"
        }
        try config.write(toFile: root + "/digest.yml", atomically: true, encoding: .utf8)
        return root
    }

    /// Without the ingest cache unless asked: most tests are about what a real parse does.
    static func ingest(_ site: String, paths: [String] = [], settings: ListingSettings = ListingSettings(), useCache: Bool = false) -> IngestReport {
        Ingest.run(IngestOptions(siteFolder: site, paths: paths, settings: settings, today: today, useCache: useCache))
    }

    /// Papers edited as a rebuild meets them: one's tags and venue (index 3), one's title (7),
    /// one's abstract (8), one taken out (11), a new one (its id returned) at the end, the
    /// first two after it swapped. The edited three keep their indices.
    static func edited(_ papers: [Paper]) -> (papers: [Paper], new: String) {
        var papers = papers
        papers[3].facts.tags.append("zz-new-tag")
        papers[3].facts.venue = "Elsewhere"
        papers[7].facts.title += " Revisited"
        papers[8].facts.abstract += " Kernel zebras, graph zebras."
        papers.remove(at: 11)
        var new = papers[0]
        new.id = "a-new-paper-on-zebras"
        new.facts.title = "A New Paper on Zebras"
        papers.append(new)
        papers.swapAt(1, 2)
        return (papers, new.id)
    }

    /// Every record's bytes, by file name.
    static func snapshot(_ site: String) -> [String: Data] {
        let folder = site + "/content/papers"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return Dictionary(uniqueKeysWithValues: names.map { ($0, FileManager.default.contents(atPath: folder + "/" + $0)!) })
    }

    /// Every record the five real listings make, as ingest writes it: file name and text.
    static func sampleRecords() throws -> [(name: String, text: String)] {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        let folder = site + "/content/papers"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
        return try names.map { ($0, try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)) }
    }

    static func record(_ site: String, _ id: String) throws -> Record {
        let text = try String(contentsOfFile: site + "/content/papers/\(id).md", encoding: .utf8)
        return try RecordCoding.read(id: id, text: text)
    }

    static func entry(_ parsed: ParsedListing, titled prefix: String) -> ListingEntry? {
        parsed.entries.first { $0.title?.hasPrefix(prefix) == true }
    }

    /// The built-in templates with `templates` (name → text) added as a site's own, for tests
    /// that render a page's context through a template of their own.
    static func templateSet(_ templates: [String: String]) throws -> TemplateSet {
        let folder = scratch("templates")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in templates { try text.write(toFile: folder + "/\(name).mustache", atomically: true, encoding: .utf8) }
        return try TemplateSet.load(siteTemplates: folder).get()
    }
}

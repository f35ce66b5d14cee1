import Foundation
import Testing
@testable import DigestCore

/// The records' stamps a caller keeps (`digest serve`): updated from the names of the files
/// that changed, they are what a stat of every record gives; and a build takes them in place
/// of that stat.
@Suite struct RecordStampsTests {
    @Test func updatedFromTheChangedNamesTheyAreAFreshStampOfEveryRecord() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        let folder = site + "/content/papers"
        let kept = RecordStamps(siteFolder: site)
        let ids = kept.records.map(\.id)
        #expect(ids.count > 100)
        // One record edited, one deleted, and new ones that sort beside them (`a-b.md` before
        // `a.md`) and at both ends; files that are not records.
        let (edited, deleted) = (ids[10], ids[20])
        try "\n".write(toFile: folder + "/" + edited + ".md", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: folder + "/" + deleted + ".md")
        let new = [edited + "-b", deleted + "-b", "0-first", "zzz-last"]
        for id in new { try "---\n".write(toFile: folder + "/" + id + ".md", atomically: false, encoding: .utf8) }
        for name in ["notes.txt", ".hidden.md", ".md"] { try "x".write(toFile: folder + "/" + name, atomically: false, encoding: .utf8) }
        let names = [edited, deleted].map { $0 + ".md" } + new.map { $0 + ".md" } + ["notes.txt", ".hidden.md", ".md", "gone-before.md"]

        let updated = kept.updated(names)
        let fresh = RecordStamps(siteFolder: site)
        #expect(updated.records.map(\.id) == fresh.records.map(\.id))
        #expect(updated.records.map(\.stamp) == fresh.records.map(\.stamp))
        #expect(updated.records.count == ids.count - 1 + new.count)
        #expect(kept.records.map(\.id) == ids)  // (a copy updated, the kept ones as they were)
        // Every record's name, more than are stamped one by one: the same.
        let all = kept.updated(ids.map { $0 + ".md" } + names)
        #expect(all.records.map(\.id) == fresh.records.map(\.id))
        #expect(all.records.map(\.stamp) == fresh.records.map(\.stamp))
    }

    /// A build given the stamps takes them as the records' (no stat of its own): the edit a
    /// stamp tells is built; with the stamps it had before the edit, the page stays as it was.
    @Test func aBuildTakesTheRecordsAsTheStampsTellThem() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        let id = try #require(RecordStamps(siteFolder: site).records.map(\.id).first { $0.hasPrefix("spectrally-transformed-kernel-regression") })
        var options = BuildOptions(siteFolder: site)
        options.records = RecordStamps(siteFolder: site)
        #expect(!SiteBuild.run(options).hasErrors)
        let page = site + "/public/papers/\(id)/index.html"
        let file = site + "/content/papers/\(id).md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "title: \"Spectrally Transformed Kernel Regression\"", with: "title: \"Spectrally Transformed Kernel Regression, Edited\"")
            .write(toFile: file, atomically: true, encoding: .utf8)

        let stale = options
        #expect(!SiteBuild.run(stale).hasErrors)
        #expect(try !String(contentsOfFile: page, encoding: .utf8).contains("Edited"))
        options.records = try #require(options.records).updated([id + ".md"])
        #expect(SiteBuild.run(options).incremental)
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("Regression, Edited</h1>"))
    }
}

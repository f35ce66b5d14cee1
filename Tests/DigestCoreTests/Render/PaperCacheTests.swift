import Foundation
import Testing
@testable import DigestCore

/// The papers a build keeps in `.digest-cache/papers.bin`: what comes back from it is what
/// parsing the records gives, warnings included, and a record written since is parsed again.
@Suite struct PaperCacheTests {
    @Test func everySamplePaperComesBackAsItWent() {
        for paper in SearchTests.sample.papers {
            var wire: [UInt8] = []
            paper.write(to: &wire)
            var reader = WireReader(bytes: wire)
            let back = Paper.read(from: &reader)
            #expect(back?.id == paper.id && back?.facts == paper.facts)
            #expect(reader.at == wire.count)
        }
        // A field added to the facts must be added to the cache's coding too (and this count).
        #expect(Mirror(reflecting: PaperFacts(title: "")).children.count == 14)
    }

    @Test func warningsAreSaidAgainAndEditsReadAgain() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        let papers = site + "/content/papers/"
        let ids = try FileManager.default.contentsOfDirectory(atPath: papers).sorted()
        // A field digest does not know: a warning, and the record is still used.
        let warned = papers + ids[0]
        try String(contentsOfFile: warned, encoding: .utf8).replacingOccurrences(of: "title:", with: "colour: blue\ntitle:")
            .write(toFile: warned, atomically: true, encoding: .utf8)
        let first = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(first.written && first.diagnostics.count == 1)
        let cache = PaperCache.read(PaperCache.path(SitePaths(root: site)))
        #expect(cache.count == ids.count && cache[String(ids[0].dropLast(3))]?.warnings.count == 1)

        // Another record's title, one letter, written in place: same inode, same size.
        let edited = papers + ids[1]
        let text = try String(contentsOfFile: edited, encoding: .utf8)
        let title = try #require(text.split(separator: "\n").first { $0.hasPrefix("title: \"") })
        let letter = title.index(title.startIndex, offsetBy: 8)
        let newTitle = title.replacingCharacters(in: letter...letter, with: title[letter] == "Q" ? "Z" : "Q")
        let handle = try #require(FileHandle(forUpdatingAtPath: edited))
        try handle.write(contentsOf: Data(text.replacingOccurrences(of: title, with: newTitle).utf8))
        try handle.close()
        let second = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(second.incremental && second.rewritten > 0)
        #expect(second.diagnostics == first.diagnostics)  // the warning, from the cache
        let page = try String(contentsOfFile: site + "/public/papers/\(ids[1].dropLast(3))/index.html", encoding: .utf8)
        #expect(page.contains(String(newTitle.dropFirst(8).dropLast())))
        try IncrementalBuildTests().expectSameAsCleanBuild(site)
    }
}

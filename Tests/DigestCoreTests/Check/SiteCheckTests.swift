import Foundation
import Testing
@testable import DigestCore

/// `digest check` on a copy of real records, broken one way at a time.
@Suite struct SiteCheckTests {
    static let paper = "spectrally-transformed-kernel-regression"

    /// A site with two of the sample's records, the first edited by `edit`.
    func site(edit: (String) -> String = { $0 }, config: String? = nil) throws -> String {
        let root = Fixtures.scratch("check")
        try FileManager.default.createDirectory(atPath: root + "/content/papers", withIntermediateDirectories: true)
        for (i, id) in [Self.paper, "text2reward-reward-shaping-with-language-models-for-reinforcement-learning"].enumerated() {
            let text = try String(contentsOfFile: Fixtures.repoRoot + "/content/papers/\(id).md", encoding: .utf8)
            try (i == 0 ? edit(text) : text).write(toFile: root + "/content/papers/\(id).md", atomically: true, encoding: .utf8)
        }
        try (config ?? String(contentsOfFile: Fixtures.repoRoot + "/digest.yml", encoding: .utf8)).write(toFile: root + "/digest.yml", atomically: true, encoding: .utf8)
        return root
    }

    func messages(_ root: String) -> [String] {
        SiteCheck.run(siteFolder: root).diagnostics.map { $0.description.replacingOccurrences(of: root + "/", with: "") }
    }

    @Test func theSampleIsClean() {
        let report = SiteCheck.run(siteFolder: Fixtures.repoRoot)
        #expect(report.diagnostics.isEmpty)
        #expect(report.records == 505)
    }

    @Test func aBadValueIsAnErrorAtItsLine() throws {
        let root = try site(edit: { $0.replacingOccurrences(of: "room: Halle B", with: "room: Halle B\nupvotes: many") })
        #expect(messages(root) == ["content/papers/\(Self.paper).md:7: error: `upvotes` must be a whole number, 0 or more"])
        #expect(SiteCheck.run(siteFolder: root).hasErrors)
    }

    @Test func aDateThatIsNoDayIsAnError() throws {
        let root = try site(edit: { $0.replacingOccurrences(of: "venue: ICLR 2024", with: "venue: ICLR 2024\ndate: 2024-02-30") })
        #expect(messages(root) == ["content/papers/\(Self.paper).md:5: error: `date` must be a date written YYYY-MM-DD, not `2024-02-30`"])
        #expect(RecordCheck.isCalendarDate("2024-02-29") && !RecordCheck.isCalendarDate("2023-02-29") && !RecordCheck.isCalendarDate("2024-13-01"))
    }

    @Test func aMissingTitleAndBrokenYAMLAreErrors() throws {
        var root = try site(edit: { $0.replacingOccurrences(of: "title: \"Spectrally Transformed Kernel Regression\"\n", with: "") })
        #expect(messages(root) == ["content/papers/\(Self.paper).md:2: error: the record has no `title`"])
        root = try site(edit: { $0.replacingOccurrences(of: "room: Halle B", with: "room: [Halle B") })
        #expect(messages(root).count == 1)
        #expect(messages(root).first?.hasPrefix("content/papers/\(Self.paper).md:") == true)
        #expect(messages(root).first?.contains("error: front matter is not valid YAML") == true)
    }

    @Test func unknownFieldsAndSettingsAreWarnings() throws {
        let config = "title: T\nbaseurl: https://x/\nlistings:\n  a.txt:\n    venu: X\n"
        let root = try site(edit: { $0.replacingOccurrences(of: "room: Halle B", with: "room: Halle B\nnotes: read twice") }, config: config)
        #expect(messages(root) == [
            "digest.yml:2: warning: unknown setting `baseurl` (known: base_url, description, language, listings, per_page, title)",
            "digest.yml:5: warning: unknown listing setting `venu` (known: format, room, session, venue, year)",
            "content/papers/\(Self.paper).md:7: warning: unknown field `notes`: kept in the record, not shown on the site",
        ])
        #expect(!SiteCheck.run(siteFolder: root).hasErrors)
    }

    /// A tag is its slug: signs dropped from it (C++ and C# are both `c`), or a tag of signs
    /// alone, are warnings; case and spaces are not.
    @Test func aTagThatLosesItsSignsIsAWarning() throws {
        let root = try site(edit: { $0.replacingOccurrences(of: "tags: [graph-learning]", with: "tags: [C++, \"C#\", Diffusion Models, Réseaux, \"++\"]") })
        #expect(messages(root) == [
            "content/papers/\(Self.paper).md:7: warning: tag `C++` is the tag `c`: a tag keeps its letters and digits, not its other signs",
            "content/papers/\(Self.paper).md:7: warning: tag `C#` is the tag `c`: a tag keeps its letters and digits, not its other signs",
            "content/papers/\(Self.paper).md:7: warning: tag `++` has no letter or digit: left out",
        ])
    }

    @Test func theSamePaperTwiceIsAWarning() throws {
        let root = try site()
        try "---\ntitle: \"Spectrally transformed kernel regression\"\n---\n".write(toFile: root + "/content/papers/copy.md", atomically: true, encoding: .utf8)
        #expect(messages(root).contains { $0.contains("same title as copy.md") || $0.contains("same title as \(Self.paper).md") })
    }

    /// `draft` is true or false; a draft is counted, and its title not compared with the
    /// others' (hiding a paper's second record is what a draft is for).
    @Test func aDraftIsCheckedAndCounted() throws {
        let bad = try site(edit: { $0.replacingOccurrences(of: "room: Halle B", with: "room: Halle B\ndraft: maybe") })
        #expect(messages(bad) == ["content/papers/\(Self.paper).md:7: error: `draft` must be true or false"])
        let root = try site()
        try "---\ndraft: true\ntitle: \"Spectrally transformed kernel regression\"\n---\n".write(toFile: root + "/content/papers/copy.md", atomically: true, encoding: .utf8)
        let report = SiteCheck.run(siteFolder: root)
        #expect(report.diagnostics.isEmpty && report.records == 3 && report.drafts == 1)
    }

    @Test func aBuildMakesTheSameChecks() throws {
        let root = try site(edit: { $0.replacingOccurrences(of: "room: Halle B", with: "room: Halle B\nupvotes: many") })
        let report = SiteBuild.run(BuildOptions(siteFolder: root, output: root + "/public", baseURL: "https://x/", linkStyle: .pretty))
        #expect(report.diagnostics.map(\.description).contains { $0.hasSuffix("\(Self.paper).md:7: error: `upvotes` must be a whole number, 0 or more") })
        #expect(report.counts["papers"] == 1)  // the other record is built
    }
}

extension SiteCheckTests {
    @Test func aNewSiteFromInitChecksCleanAndBuilds() throws {
        let root = Fixtures.scratch("init")
        let written = try SiteScaffold.create(in: root, force: false, source: "https://example.org/pd.git")
        #expect(written.contains("digest.yml") && written.contains(".github/workflows/digest.yml"))
        #expect(try SiteConfig.load(siteFolder: root) == SiteConfig())  // the defaults, written out or commented
        #expect(SiteCheck.run(siteFolder: root).diagnostics.isEmpty)
        let workflow = try String(contentsOfFile: root + "/.github/workflows/digest.yml", encoding: .utf8)
        #expect(workflow.contains("DIGEST_SOURCE: https://example.org/pd.git"))
        #expect(throws: SiteScaffold.Failure.self) { try SiteScaffold.create(in: root, force: false) }
        let report = SiteBuild.run(BuildOptions(siteFolder: root, output: root + "/public", baseURL: "https://x/", linkStyle: .pretty))
        #expect(!report.hasErrors && report.written)
    }
}

extension SiteCheckTests {
    @Test func initSaysOnceWhichFileItCannotWriteAndWhy() throws {
        let root = Fixtures.scratch("init")
        try FileManager.default.createDirectory(atPath: root + "/digest.yml", withIntermediateDirectories: true)
        do {
            _ = try SiteScaffold.create(in: root, force: true)
            Issue.record("a folder named digest.yml was written over")
        } catch {
            #expect(error.description == root + "/digest.yml: cannot write: Is a directory")
        }
    }
}

import Foundation
import Testing
@testable import DigestCore

/// `digest.yml` values the site cannot use are errors at their line, said as what the
/// setting must be; the sample's settings and `digest init`'s are clean.
@Suite struct SiteConfigCheckTests {
    /// The first problem `digest.yml` holding `text` has, as check prints it.
    func problem(_ text: String) throws -> String? {
        let root = Fixtures.scratch("config")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try text.write(toFile: root + "/digest.yml", atomically: true, encoding: .utf8)
        do {
            _ = try SiteConfig.loadChecked(siteFolder: root)
            return nil
        } catch {
            return error.diagnostic.description.replacingOccurrences(of: root + "/", with: "")
        }
    }

    @Test(arguments: [
        ("title: T\nbase_url: lab.example.org/digest/\n",
         "digest.yml:2: error: `base_url` must be an absolute http or https address, like https://lab.example.org/digest/, not `lab.example.org/digest/`"),
        ("base_url: https://\n", "digest.yml:1: error: `base_url` must be an absolute http or https address, like https://lab.example.org/digest/, not `https://`"),
        ("per_page: 0\n", "digest.yml:1: error: `per_page` must be 1 or more, not 0"),
        ("language: 12\n", "digest.yml:1: error: `language` must be a language tag, like en or de-CH, not `12`"),
        ("per_page: many\n", "digest.yml:1: error: `per_page` must be a whole number, not `many`"),
        ("title: [a, b]\n", "digest.yml:1: error: `title` must be text"),
        ("listings:\n  a.txt:\n    format: pdf\n", "digest.yml:3: error: `listings.a.txt.format` must be one of abstract-list, daily-papers, poster-session, not `pdf`"),
        ("listings:\n  a.txt:\n    year: soon\n", "digest.yml:3: error: `listings.a.txt.year` must be a whole number, not `soon`"),
        ("listings:\n  b.txt:\n    venue: X\n  a.txt:\n    year: 25\n", "digest.yml:5: error: `listings.a.txt.year` must be a year of four digits, like 2024, not 25"),
        ("listings: 5\n", "digest.yml:1: error: `listings` must be listing file names, each with its settings (format, venue, session, room, year)"),
    ])
    func aValueTheSiteCannotUseIsAnError(text: String, message: String) throws {
        #expect(try problem(text) == message)
    }

    @Test(arguments: ["base_url: https://lab.example.org/digest/\n", "base_url: http://localhost:8000\n", "base_url: \"\"\n",
                      "language: de-CH\nper_page: 1\n", "language: zh-Hant-TW\n"])
    func aValueItCanUseIsNone(text: String) throws {
        #expect(try problem(text) == nil)
    }

    @Test func theSampleAndANewSiteAreClean() throws {
        #expect(try problem(String(contentsOfFile: Fixtures.repoRoot + "/digest.yml", encoding: .utf8)) == nil)
        let site = Fixtures.scratch("init")
        _ = try SiteScaffold.create(in: site, force: false)
        #expect(throws: Never.self) { try SiteConfig.loadChecked(siteFolder: site) }
    }

    /// Settings for a listing no file in content/listings/ has (a name mistyped: the venue
    /// would be missing from its records) are a warning at the name's line; the sample's are none.
    @Test func settingsForAListingNotThereAreAWarning() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession])
        #expect(try SiteConfig.loadChecked(siteFolder: site).warnings.isEmpty)
        let mistyped = "listings:\n  002_399c9b84d8821e2e.text:\n    venue: ICLR 2024\n"
        try mistyped.write(toFile: site + "/digest.yml", atomically: true, encoding: .utf8)
        let warnings = try SiteConfig.loadChecked(siteFolder: site).warnings.map { $0.description.replacingOccurrences(of: site + "/", with: "") }
        #expect(warnings == ["digest.yml:2: warning: settings for `002_399c9b84d8821e2e.text`, which is not in content/listings/: they apply to a listing of that file name (mistyped, or renamed?)"])
    }

    /// `--base-url` is checked as `base_url` is, and a build with a bad one writes nothing.
    @Test func aBuildWithABadBaseURLWritesNothing() throws {
        let site = try SiteCheckTests().site()
        let report = SiteBuild.run(BuildOptions(siteFolder: site, baseURL: "x.org"))
        #expect(report.diagnostics.map(\.description)
            == ["--base-url: error: must be an absolute http or https address, like https://lab.example.org/digest/, not `x.org`"])
        #expect(!report.written && !FileManager.default.fileExists(atPath: site + "/public"))
    }
}

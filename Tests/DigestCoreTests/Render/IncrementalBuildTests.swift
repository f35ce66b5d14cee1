import Foundation
import Testing
@testable import DigestCore

@Suite struct IncrementalBuildTests {
    func files(_ folder: String) throws -> [String: Data] {
        let paths = try FileManager.default.subpathsOfDirectory(atPath: folder)
        var out: [String: Data] = [:]
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                out[path] = FileManager.default.contents(atPath: folder + "/" + path)
            }
        }
        return out
    }

    /// The incremental result must equal, byte for byte, a clean build of the same records.
    func expectSameAsCleanBuild(_ site: String, linkStyle: SiteRenderer.LinkStyle = .pretty) throws {
        var clean = BuildOptions(siteFolder: site, output: site + "/clean-\(UUID().uuidString)")
        clean.clean = true
        clean.linkStyle = linkStyle
        #expect(SiteBuild.run(clean).written)
        let incremental = try files(site + "/public")
        let full = try files(clean.output!)
        #expect(incremental.keys.sorted() == full.keys.sorted())
        for (path, bytes) in full where incremental[path] != bytes { Issue.record("\(path) differs from a clean build") }
    }

    @Test func rebuildAfterEditsAdditionsAndDeletionsEqualsCleanBuild() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        let first = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(first.written && !first.incremental)

        let unchanged = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(unchanged.incremental && unchanged.rewritten == 0)

        // An edit: one title.
        let papers = site + "/content/papers/"
        let hyper = papers + "hyperattention-long-context-attention-in-near-linear-time.md"
        let text = try String(contentsOfFile: hyper, encoding: .utf8)
        try text.replacingOccurrences(of: "Near-Linear Time\"", with: "Near-Linear Time, Revisited\"").write(toFile: hyper, atomically: true, encoding: .utf8)
        let edited = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(edited.incremental && edited.rewritten > 0 && edited.rewritten < edited.total / 10)
        try expectSameAsCleanBuild(site)

        // An addition: a new listing's papers; and a deletion: one record gone.
        try FileManager.default.copyItem(atPath: Fixtures.listingsFolder + "/" + Fixtures.abstractList,
                                         toPath: site + "/content/listings/" + Fixtures.abstractList)
        _ = Fixtures.ingest(site)
        try FileManager.default.removeItem(atPath: papers + "pathologies-of-predictive-diversity-in-deep-ensembles.md")
        let changed = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(changed.incremental && changed.removed >= 1)
        #expect(!FileManager.default.fileExists(atPath: site + "/public/papers/pathologies-of-predictive-diversity-in-deep-ensembles"))
        try expectSameAsCleanBuild(site)
    }

    /// A record marked `draft: true` is left out of the site — its page, its only author's
    /// page, every list, feed, sitemap and search file — as if it were gone, and the rebuild
    /// is a clean build's bytes; ingest leaves it as it is (a deleted record is written again
    /// by the next ingest of its listing); without the mark, it is back.
    @Test func aDraftIsLeftOutOfTheSiteAndKeptByIngest() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let id = "learning-the-greatest-common-divisor-explaining-transformer-predictions"
        let record = site + "/content/papers/\(id).md", page = site + "/public/papers/\(id)/index.html"
        let authorPage = site + "/public/authors/francois-charton/index.html"
        func mentions() throws -> [String] {
            try files(site + "/public").filter { $0.value.range(of: Data("greatest common divisor".utf8)) != nil }.keys.sorted()
        }
        #expect(FileManager.default.fileExists(atPath: page) && FileManager.default.fileExists(atPath: authorPage))
        #expect(try mentions().count > 3)
        let text = try String(contentsOfFile: record, encoding: .utf8)
        try text.replacingOccurrences(of: "---\ntitle:", with: "---\ndraft: true\ntitle:").write(toFile: record, atomically: true, encoding: .utf8)

        let drafted = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(drafted.incremental && !drafted.hasErrors)
        #expect(drafted.notes.contains("1 draft left out (draft: true): \(id).md"))
        #expect(!FileManager.default.fileExists(atPath: page) && !FileManager.default.fileExists(atPath: authorPage))
        #expect(try mentions() == [])
        try expectSameAsCleanBuild(site)

        let before = Fixtures.snapshot(site)
        #expect(Fixtures.ingest(site).written == 0 && Fixtures.snapshot(site) == before)

        try text.write(toFile: record, atomically: true, encoding: .utf8)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).notes.allSatisfy { !$0.contains("draft") })
        #expect(FileManager.default.fileExists(atPath: page) && FileManager.default.fileExists(atPath: authorPage))
        try expectSameAsCleanBuild(site)
    }

    @Test func templateChangeRebuildsEverything() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        try FileManager.default.createDirectory(atPath: site + "/templates/assets", withIntermediateDirectories: true)
        try "body { color: black; }\n".write(toFile: site + "/templates/assets/style.css", atomically: true, encoding: .utf8)
        let report = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(!report.incremental)
        try expectSameAsCleanBuild(site)
    }

    /// A build whose inputs are all as at the last build reads no record: it says what that
    /// build said, warnings too.
    @Test func unchangedInputsAreToldFromFileStamps() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        let record = site + "/content/papers/" + (try FileManager.default.contentsOfDirectory(atPath: site + "/content/papers").sorted()[0])
        try (String(contentsOfFile: record, encoding: .utf8)).replacingOccurrences(of: "title:", with: "colour: blue\ntitle:")
            .write(toFile: record, atomically: true, encoding: .utf8)
        let first = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(first.written && !first.diagnostics.isEmpty)  // the unknown field
        let again = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(again.stages.map(\.name) == ["inputs unchanged"])
        #expect(again.written && again.incremental && again.rewritten == 0)
        #expect(again.render().split(separator: "\n").dropLast() == first.render().split(separator: "\n").dropLast().map {
            $0.hasPrefix("full build") ? "incremental: 0 of \(first.total) files rewritten, 0 removed" : $0 })

        // A record written again, the same bytes: its stamp changed, so the records are read,
        // and found to hold what they held: the site is left as it is.
        try String(contentsOfFile: record, encoding: .utf8).write(toFile: record, atomically: true, encoding: .utf8)
        let rewritten = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(rewritten.stages.map(\.name) == ["records as they were"] && rewritten.written && rewritten.rewritten == 0)
        #expect(rewritten.diagnostics == first.diagnostics)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).stages.map(\.name) == ["inputs unchanged"])  // and then need not be
        // A key digest does not know, added to digest.yml: its warning is said.
        try (String(contentsOfFile: site + "/digest.yml", encoding: .utf8) + "colour: blue\n").write(toFile: site + "/digest.yml", atomically: true, encoding: .utf8)
        let configured = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(configured.diagnostics.count == first.diagnostics.count + 1)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).diagnostics == configured.diagnostics)
    }

    /// Every record copied anew, as a CI job's fresh clone has them beside its cached
    /// `.digest-cache` and site: new stamps, the same bytes. No page is made or written; a
    /// record then edited is, and a file the site lost is written again.
    @Test func recordsCopiedWithTheirBytesLeaveTheSiteAsItIs() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let papers = site + "/content/papers"
        try FileManager.default.copyItem(atPath: papers, toPath: papers + ".copy")
        try FileManager.default.removeItem(atPath: papers)
        try FileManager.default.moveItem(atPath: papers + ".copy", toPath: papers)
        let copied = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(copied.stages.map(\.name) == ["records as they were"] && copied.written && copied.rewritten == 0)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).stages.map(\.name) == ["inputs unchanged"])

        let ids = try FileManager.default.contentsOfDirectory(atPath: papers).sorted()
        try PaperCacheTests().editTitle(papers + "/" + ids[2])
        let edited = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(edited.stages.map(\.name).contains("load") && edited.rewritten > 0)
        try expectSameAsCleanBuild(site)

        // A record touched, and a page deleted from the site: the records hold what they held,
        // but the site is not what the last build left.
        let record = papers + "/" + ids[4]
        try String(contentsOfFile: record, encoding: .utf8).write(toFile: record, atomically: true, encoding: .utf8)
        let page = site + "/public/papers/" + ids[5].dropLast(3) + "/index.html"
        try FileManager.default.removeItem(atPath: page)
        let mended = SiteBuild.run(BuildOptions(siteFolder: site))
        // (Taken from the site before, which the last rebuild kept: none written.)
        #expect(mended.stages.map(\.name).contains("load") && mended.written && FileManager.default.fileExists(atPath: page))
        try expectSameAsCleanBuild(site)
    }

    /// The records are judged against what the last build that wrote the site read, not against
    /// the paper cache, which a build that stopped early (a template error) brought up to date:
    /// a record edited before that build, the template mended, its page is made again.
    @Test func anEditMetByABuildThatStoppedIsNotLost() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let papers = site + "/content/papers/"
        let id = try FileManager.default.contentsOfDirectory(atPath: papers).sorted()[1]
        try PaperCacheTests().editTitle(papers + id)
        let template = site + "/templates/paper.mustache"
        try FileManager.default.createDirectory(atPath: site + "/templates", withIntermediateDirectories: true)
        try "{{#title}}unclosed".write(toFile: template, atomically: true, encoding: .utf8)
        let broken = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(broken.hasErrors && !broken.written)
        #expect(PaperCache.read(PaperCache.path(SitePaths(root: site)))[String(id.dropLast(3))]?.paper.title.hasPrefix("Edited: ") == true)
        try FileManager.default.removeItem(atPath: template)
        let mended = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(mended.incremental && mended.rewritten > 0)
        let page = try String(contentsOfFile: site + "/public/papers/\(id.dropLast(3))/index.html", encoding: .utf8)
        #expect(page.contains("Edited: "))
        try expectSameAsCleanBuild(site)
    }

    @Test func aPageDeletedFromTheSiteIsWrittenAgain() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let page = site + "/public/papers/" + (try FileManager.default.contentsOfDirectory(atPath: site + "/public/papers").sorted()[0]) + "/index.html"
        try FileManager.default.removeItem(atPath: page)
        let report = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(report.incremental && report.rewritten == 1)
        #expect(FileManager.default.fileExists(atPath: page))
        try expectSameAsCleanBuild(site)
    }
}

extension IncrementalBuildTests {
    /// The first abstract that has a word of eight letters or more twice has its first such
    /// word in place of the last: its counts change, not its length.
    func editAnAbstract(_ site: String) throws {
        let folder = site + "/content/papers/"
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let text = try String(contentsOfFile: folder + name, encoding: .utf8)
            guard let body = text.range(of: "\n---\n").map({ text[$0.upperBound...] }) else { continue }
            let words = body.split(separator: " ").filter { $0.count >= 8 && $0.allSatisfy(\.isLetter) }
            guard let first = words.first, let last = words.last(where: { $0 != first }), words.filter({ $0 == first }).count >= 2 else { continue }
            let edited = text[..<body.startIndex] + body.replacingOccurrences(of: " " + last + " ", with: " " + first + " ")
            guard edited != text else { continue }
            return try String(edited).write(toFile: folder + name, atomically: true, encoding: .utf8)
        }
        Issue.record("no abstract to edit")
    }

    /// An edit rebuild takes the term buckets and vocabulary files the site has as it would
    /// make them, and (an abstract moves no paper) its filters, and the site is a clean build's, in either link
    /// style (the scripts' twins are taken too).
    @Test(arguments: [SiteRenderer.LinkStyle.pretty, .files]) func anEditTakesTheTermBucketsItDoesNotChange(_ style: SiteRenderer.LinkStyle) throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.dailyPapers])
        _ = Fixtures.ingest(site)
        var options = BuildOptions(siteFolder: site)
        options.linkStyle = style
        #expect(SiteBuild.run(options).written)
        try editAnAbstract(site)
        let edited = SiteBuild.run(options)
        #expect(edited.incremental && edited.rewritten > 0)
        #expect(edited.stages.contains { $0.name.hasPrefix("search index (") && $0.name.contains("term buckets as they were; ")
            && $0.name.hasSuffix("vocabulary files as they were; filters as they were)") })
        try expectSameAsCleanBuild(site, linkStyle: style)
    }

    /// A term bucket the rebuild would take, deleted from the site by hand: the index is made
    /// whole again, and nothing is lost.
    @Test func termBucketsLostFromTheSiteAreMadeAgain() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.dailyPapers])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let buckets = site + "/public/search/t"
        let names = try FileManager.default.contentsOfDirectory(atPath: buckets)
        for name in names { try FileManager.default.removeItem(atPath: buckets + "/" + name) }
        try editAnAbstract(site)
        let edited = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(edited.written && edited.rewritten > names.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: buckets).sorted() == names.sorted())
        try expectSameAsCleanBuild(site)
    }

    /// A rebuild checks each page's hash before making its context, and a page it renders
    /// stores the hash taken with the context made: the two are the same for every page.
    @Test func aPagesHashIsTheSameWithOrWithoutItsContext() throws {
        let model = SearchTests.sample
        let templates = try TemplateSet.load(siteTemplates: "/nonexistent").get()
        let renderer = SiteRenderer(model: model, templates: templates, linkStyle: .pretty, katex: true, baseURL: "https://example.org/d/")
            .prepared(renderAll: false)
        let pages = renderer.pages()
        for page in pages { #expect(renderer.inputHash(of: page) == renderer.inputHash(renderer.context(for: page), page: page)) }
        // Paper, author and list (home, tag, source) pages, and the author index.
        let lists = pages.filter { switch $0.kind { case .home, .tag, .source: return true; default: return false } }.count
        #expect(pages.filter { renderer.modelHash(of: $0) != nil }.count == model.papers.count + model.authors.count + lists + 1)
    }
}

extension IncrementalBuildTests {
    /// A new site title reaches every page: the settings are in the build's fingerprint.
    @Test func aNewSiteTitleReachesEveryPage() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let config = site + "/digest.yml"
        try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "title: PaperDigest sample", with: "title: A Renamed Digest")
            .write(toFile: config, atomically: true, encoding: .utf8)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        #expect(try String(contentsOfFile: site + "/public/authors/index.html", encoding: .utf8).contains("A Renamed Digest"))
        try expectSameAsCleanBuild(site)
    }
}

extension IncrementalBuildTests {
    /// Every feed of the site (the site's and each tag's), by path, with its inode and bytes.
    func feeds(_ site: String) throws -> [String: (inode: UInt64, bytes: Data)] {
        let public_ = site + "/public/"
        let tags = try FileManager.default.contentsOfDirectory(atPath: public_ + "tags").filter { FileManager.default.fileExists(atPath: public_ + "tags/\($0)/feed.xml") }
        var out: [String: (inode: UInt64, bytes: Data)] = [:]
        for path in ["feed.xml"] + tags.map({ "tags/\($0)/feed.xml" }) { out[path] = try file(site, path) }
        return out
    }

    /// A file of the built site: its inode (a file kept is the same file, linked) and bytes.
    func file(_ site: String, _ path: String) throws -> (inode: UInt64, bytes: Data) {
        let path = site + "/public/" + path
        let inode = (try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        return (inode, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// An abstract edited: the feeds that list its paper are made again, the others are kept
    /// as the site has them (linked, the same file), and all are a clean build's.
    @Test func anEditMakesAgainOnlyTheFeedsThatListItsPaper() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.dailyPapers])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let before = try feeds(site)
        try editAnAbstract(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).incremental)
        let after = try feeds(site)
        #expect(before.keys.sorted() == after.keys.sorted())
        let made = Set(after.keys.filter { after[$0]!.inode != before[$0]!.inode })
        let changed = Set(after.keys.filter { after[$0]!.bytes != before[$0]!.bytes })
        #expect(made == changed)
        #expect(!changed.isEmpty && changed.count < after.count)
        try expectSameAsCleanBuild(site)
    }

    /// The sitemap is made again when what it lists changes: an abstract edited leaves it as
    /// the site has it (the same file), a paper's date edited (its `lastmod`) makes it again,
    /// and each time it is a clean build's.
    @Test func theSitemapIsMadeAgainOnlyWhenItsPagesOrDatesChange() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.dailyPapers])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let built = try file(site, "sitemap.xml")
        try editAnAbstract(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).incremental)
        let kept = try file(site, "sitemap.xml")
        #expect(kept.inode == built.inode && kept.bytes == built.bytes)
        try expectSameAsCleanBuild(site)

        // A paper dated after all others, then a day later: the same place, only its `lastmod` moved.
        let record = site + "/content/papers/" + (try FileManager.default.contentsOfDirectory(atPath: site + "/content/papers").sorted().first!)
        let text = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("date:") }
        for date in ["2099-01-01", "2099-01-02"] {
            try ([text[0], "date: \(date)"] + text.dropFirst()).joined(separator: "\n").write(toFile: record, atomically: true, encoding: .utf8)
            #expect(SiteBuild.run(BuildOptions(siteFolder: site)).incremental)
        }
        #expect(try String(contentsOfFile: site + "/public/sitemap.xml", encoding: .utf8).contains("<lastmod>2099-01-02</lastmod>"))
        try expectSameAsCleanBuild(site)
    }
}

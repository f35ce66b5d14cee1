import Foundation
import Testing
@testable import DigestCore

/// A paper page whose related list alone changed is the page the site had with the new list in
/// the old one's place (`RelatedBlock`, `PageSpans`): the same bytes a render gives, taken only
/// from a page as the last build left it, and only when the template shows the list once.
@Suite struct RelatedSpliceTests {
    let incremental = IncrementalBuildTests()

    /// A site of two real listings, built; then a third listing, whose papers' words move the
    /// related lists of papers that are otherwise as they were.
    func siteWithAListingAdded(template: String? = nil, beforeTheListing: (String) throws -> Void = { _ in }) throws -> (site: String, report: BuildReport) {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.abstractListNoHeader])
        if let template {
            try FileManager.default.createDirectory(atPath: site + "/templates", withIntermediateDirectories: true)
            try template.write(toFile: site + "/templates/paper.mustache", atomically: true, encoding: .utf8)
        }
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        try beforeTheListing(site)
        try FileManager.default.copyItem(atPath: Fixtures.listingsFolder + "/" + Fixtures.abstractList,
                                         toPath: site + "/content/listings/" + Fixtures.abstractList)
        _ = Fixtures.ingest(site)
        let report = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(report.written && report.incremental)
        return (site, report)
    }

    @Test func pagesWhoseRelatedListsAloneChangedArePutTogetherAsARenderMakesThem() throws {
        let (site, report) = try siteWithAListingAdded()
        #expect(report.spliced > 0)
        #expect(report.stages.contains { $0.name.contains("with only their related papers put in place") })
        try incremental.expectSameAsCleanBuild(site)
        // And again from the pages made so: the spans kept for them are where their lists are.
        let again = site + "/content/listings/" + Fixtures.dailyPapers
        try FileManager.default.copyItem(atPath: Fixtures.listingsFolder + "/" + Fixtures.dailyPapers, toPath: again)
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).spliced > 0)
        try incremental.expectSameAsCleanBuild(site)
    }

    /// A page written over in place since the last build (here with the bytes it had, which
    /// changes its time and not its length) is rendered, not taken.
    @Test func aPageWrittenOverSinceTheLastBuildIsRendered() throws {
        let (site, report) = try siteWithAListingAdded { site in
            let papers = site + "/public/papers"
            for id in try FileManager.default.contentsOfDirectory(atPath: papers) {
                let file = open(papers + "/" + id + "/index.html", O_RDWR)
                #expect(file >= 0)
                var first: UInt8 = 0
                #expect(pread(file, &first, 1, 0) == 1 && pwrite(file, &first, 1, 0) == 1)
                close(file)
            }
        }
        #expect(report.spliced == 0)
        try incremental.expectSameAsCleanBuild(site)
    }

    /// A site's paper template that shows its related papers somewhere else too: every changed
    /// page is rendered.
    @Test func aTemplateShowingRelatedPapersTwiceHasItsPagesRendered() throws {
        let builtIn = DefaultTemplates.files["paper.mustache"]!
        #expect(builtIn.contains("{{/main}}"))
        let template = builtIn.replacingOccurrences(of: "{{/main}}", with: "<ul>{{#related}}{{{html}}}{{/related}}</ul>{{/main}}")
        let (site, report) = try siteWithAListingAdded(template: template)
        #expect(report.spliced == 0)
        try incremental.expectSameAsCleanBuild(site)
    }

    @Test func theBuiltInPaperTemplateShowsItsRelatedListInOnePlace() {
        let texts = DefaultTemplates.files.reduce(into: [String: String]()) { $0[String($1.key.dropLast(9))] = $1.value }
        #expect(RelatedBlock.standsAlone(paper: texts["paper"]!) { texts[$0] })
    }

    @Test(arguments: [
        ("<ol>{{{related_items}}}</ol>", true),
        ("{{#has_related}}<ol>{{& related_items }}</ol>{{/has_related}}{{^has_related}}none{{/has_related}}", true),
        ("{{! the related papers }}{{{related_items}}}", true),
        ("{{#tags}}{{.}}{{/tags}}{{{related_items}}}", true),
        ("<ol>{{related_items}}</ol>", false),                       // escaped: a String, not the page's bytes
        ("{{{related_items}}}{{{related_items}}}", false),
        ("{{{related_items}}}{{#related}}{{title}}{{/related}}", false),
        ("{{{related_items}}}{{related.0.title}}", false),
        ("{{#related_items}}x{{/related_items}}", false),
        ("{{{related_items}}}{{.}}", false),                         // the whole context
        ("{{=<% %>=}}<%{related_items}%>", false),
        ("{{{related_items}}}{{>*which}}", false),
        ("{{{related_items}}}{{> list}}", false),                    // the partial names them too
        ("{{{related_items}}}{{> plain}}", true),
        ("no list at all", false),
    ])
    func whetherATemplateShowsRelatedPapersInOnePlace(_ text: String, _ alone: Bool) {
        let partials = ["list": "{{#related}}{{title}}{{/related}}", "plain": "<footer>{{title}}</footer>"]
        #expect(RelatedBlock.standsAlone(paper: text) { partials[$0] } == alone)
    }

    @Test func spansReadBackOnlyForTheirSiteAndBuild() throws {
        let path = Fixtures.scratch("spans") + "/build-x.spans"
        let entries: [(key: UInt64, entry: PageSpans.Entry)] = [
            (9, PageSpans.Entry(base: 90, size: 900, start: 100, end: 200)),
            (3, PageSpans.Entry(base: 30, size: 300, start: 0, end: 300)),
        ]
        PageSpans.write(entries, seal: 77, fingerprint: "f", to: path)
        let spans = try #require(PageSpans.read(path, seal: 77, fingerprint: "f"))
        #expect(spans.entry(9) == entries[0].entry)
        #expect(spans.entry(3) == entries[1].entry)
        #expect(spans.entry(4) == nil)
        #expect(PageSpans.read(path, seal: 78, fingerprint: "f") == nil)
        #expect(PageSpans.read(path, seal: 77, fingerprint: "g") == nil)
        #expect(PageSpans.read(path, seal: 0, fingerprint: "f") == nil)
        #expect(PageSpans.path(besides: "/c/build-1f.tsv") == "/c/build-1f.spans")
    }
}

import Foundation
import Testing
@testable import DigestCore

/// The sample site, ingested and built once for the tests that only read it.
enum BuiltSample {
    static let site: String = {
        let site = try! Fixtures.site()
        _ = Fixtures.ingest(site)
        let report = SiteBuild.run(BuildOptions(siteFolder: site))
        precondition(report.written, report.render())
        return site
    }()

    static func page(_ path: String) throws -> String {
        try String(contentsOfFile: site + "/public/" + path, encoding: .utf8)
    }
}

@Suite struct BuildTests {
    @Test func everyPageKindIsWritten() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: BuiltSample.site + "/public")
        #expect(files.filter { $0.hasPrefix("papers/") && $0.hasSuffix("index.html") }.count == 505)
        for path in ["index.html", "page/2/index.html", "authors/index.html", "authors/francois-charton/index.html",
                     "tags/index.html", "tags/llm/index.html", "tags/llm/feed.xml", "sources/index.html",
                     "sources/002-399c9b84d8821e2e/index.html", "search/index.html", "404.html", "feed.xml",
                     "sitemap.xml", "robots.txt", "assets/style.css", "assets/site.js"] {
            #expect(files.contains(path), "missing \(path)")
        }
    }

    @Test func onlyASiteForReadingFromDiskGetsTheIndexScripts() throws {
        let served = try FileManager.default.subpathsOfDirectory(atPath: BuiltSample.site + "/public/search")
        #expect(!served.contains { $0.hasSuffix(".js") })
        let disk = BuiltSample.site + "/disk"
        var options = BuildOptions(siteFolder: BuiltSample.site, output: disk)
        options.linkStyle = .files
        #expect(SiteBuild.run(options).written)
        let files = Set(try FileManager.default.subpathsOfDirectory(atPath: disk + "/search"))
        let json = files.filter { $0.hasSuffix(".json") }
        #expect(json.count == served.filter { $0.hasSuffix(".json") }.count)
        #expect(json.allSatisfy { files.contains(String($0.dropLast(5)) + ".js") })
    }

    @Test func mathReachesThePageVerbatim() throws {
        let id = try #require(Fixtures.snapshot(BuiltSample.site).keys.first { $0.hasPrefix("generalized-additive-models") }).dropLast(3)
        let html = try BuiltSample.page("papers/\(id)/index.html")
        #expect(html.contains("<span class=\"math\">$\\ell_{2,1}$</span>-norm regularizer"))
    }

    @Test func ampersandInTitleIsEscapedExactlyOnce() throws {
        let html = try BuiltSample.page("papers/recommendation-as-language-processing-rlp-a-unified-pretrain-personalized-prompt/index.html")
        #expect(html.contains("<h1 class=\"paper-title\">Recommendation as Language Processing (RLP): A Unified Pretrain, Personalized Prompt &amp; Predict Paradigm (P5)</h1>"))
        #expect(!html.contains("&amp;amp;"))
        #expect(!html.contains("Prompt & Predict"))
    }

    @Test func crossListedPapersHaveOnePageListingBothSources() throws {
        for id in ["learning-mean-field-games-on-sparse-graphs-a-hybrid-graphex-approach",
                   "hardness-of-independent-learning-and-sparse-equilibrium-computation-in-markov"] {
            let html = try BuiltSample.page("papers/\(id)/index.html")
            let provenance = try #require(html.components(separatedBy: "id=\"provenance\"").last)
            #expect(provenance.contains(Fixtures.dailyPapers))
            #expect(provenance.contains(id.hasPrefix("learning") ? Fixtures.posterSession : Fixtures.dailyPapersWithMeta))
        }
    }

    @Test func paperPageCarriesCitationMetadata() throws {
        let html = try BuiltSample.page("papers/hyperattention-long-context-attention-in-near-linear-time/index.html")
        #expect(html.components(separatedBy: "<meta name=\"citation_author\"").count - 1 == 6)
        #expect(html.contains("<meta name=\"citation_conference_title\" content=\"ICLR 2024\">"))
        #expect(!html.contains("citation_journal_title"))
        #expect(html.contains("\"@type\": \"ScholarlyArticle\""))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://example.org/digest/papers/hyperattention-long-context-attention-in-near-linear-time/\">"))
        #expect(html.contains("@inproceedings{han2024hyperattention,"))
        #expect(html.contains("href=\"../../authors/insu-han/\""))
    }

    @Test func linksAreRelative() throws {
        let html = try BuiltSample.page("tags/llm/index.html")
        #expect(html.contains("href=\"../../assets/style.css\""))
        #expect(!html.contains("href=\"/"))
        #expect(!html.contains("src=\"/"))
    }

    @Test func feedsUseAbsoluteLinks() throws {
        let feed = try BuiltSample.page("feed.xml")
        #expect(feed.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/digest/papers/"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let site = BuiltSample.site
        let other = site + "/public-again"
        let report = SiteBuild.run(BuildOptions(siteFolder: site, output: other))
        #expect(report.written)
        let first = try FileManager.default.subpathsOfDirectory(atPath: site + "/public").sorted()
        let second = try FileManager.default.subpathsOfDirectory(atPath: other).sorted()
        #expect(first == second)
        for path in first {
            #expect(FileManager.default.contents(atPath: site + "/public/" + path) == FileManager.default.contents(atPath: other + "/" + path), "\(path) differs")
        }
    }

    @Test func templateOverrideTakesEffect() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        try FileManager.default.createDirectory(atPath: site + "/templates", withIntermediateDirectories: true)
        try "{{<layout}}{{$main}}<p class=\"mine\">{{title}}</p>{{/main}}{{/layout}}\n".write(toFile: site + "/templates/paper.mustache", atomically: true, encoding: .utf8)
        let report = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(report.written)
        #expect(report.notes.contains("site templates: paper.mustache"))
        let paper = try #require(try FileManager.default.contentsOfDirectory(atPath: site + "/public/papers").first)
        let html = try String(contentsOfFile: site + "/public/papers/\(paper)/index.html", encoding: .utf8)
        #expect(html.contains("<p class=\"mine\">"))
        #expect(html.contains("<nav aria-label=\"Site\">"))  // the built-in layout still wraps it
    }

    /// The footer is rendered once per link root, and each page gets the one for its depth;
    /// a site's own `site-footer.mustache` replaces it everywhere.
    @Test func siteChromeFollowsEachPagesRoot() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        try FileManager.default.createDirectory(atPath: site + "/templates", withIntermediateDirectories: true)
        try "<footer class=\"mine\"><a href=\"{{root}}feed.xml\">{{site_title}}</a></footer>\n".write(toFile: site + "/templates/site-footer.mustache", atomically: true, encoding: .utf8)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let paper = try #require(try FileManager.default.contentsOfDirectory(atPath: site + "/public/papers").first)
        let pages = ["index.html": "./", "authors/index.html": "../", "papers/\(paper)/index.html": "../../"]
        for (page, root) in pages {
            let html = try String(contentsOfFile: site + "/public/" + page, encoding: .utf8)
            #expect(html.contains("<footer class=\"mine\"><a href=\"\(root)feed.xml\">"), "\(page)")
            #expect(html.contains("<link rel=\"stylesheet\" href=\"\(root)assets/style.css\">"), "\(page)")
            #expect(html.hasSuffix("</footer>\n</body>\n</html>\n"), "\(page)")
        }
    }

    @Test func brokenTemplateNamesFileAndLineAndKeepsThePreviousSite() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        #expect(SiteBuild.run(BuildOptions(siteFolder: site)).written)
        let before = try String(contentsOfFile: site + "/public/index.html", encoding: .utf8)
        try FileManager.default.createDirectory(atPath: site + "/templates", withIntermediateDirectories: true)
        try "<h1>ok</h1>\n{{#papers}}\n<p>{{title}}</p>\n".write(toFile: site + "/templates/home.mustache", atomically: true, encoding: .utf8)
        let report = SiteBuild.run(BuildOptions(siteFolder: site))
        #expect(report.hasErrors && !report.written)
        let error = try #require(report.diagnostics.first)
        #expect(error.file == site + "/templates/home.mustache")
        #expect(error.line != nil)
        #expect(try String(contentsOfFile: site + "/public/index.html", encoding: .utf8) == before)
    }
}

extension BuildTests {
    /// A listing's papers run over pages of `per_page` (25), in listing order, stepped through
    /// with "Previous" and "Next" (not "Newer" and "Older": a listing is not by date).
    @Test func aLongListingsSourcePageIsPaginatedInListingOrder() throws {
        let folder = "sources/002-399c9b84d8821e2e/"
        let first = try BuiltSample.page(folder + "index.html")
        let second = try BuiltSample.page(folder + "page/2/index.html")
        #expect(first.components(separatedBy: "<li class=\"paper-item\">").count - 1 == 25)
        #expect(first.contains("<a rel=\"next\" href=\"../../\(folder)page/2/\">Next →</a>"))
        #expect(second.contains("<a rel=\"prev\" href=\"../../../../\(folder)\">← Previous</a>"))
        #expect(second.contains("<title>") && second.contains(" · page 2 · "))
        let tag = try BuiltSample.page("tags/llm/index.html")
        #expect(tag.contains("Older →</a>"))
    }

    /// The count of pages, and a tag's count of papers, are on a list's first page only (a
    /// page after it changes only with its own papers and next link).
    @Test func aListsCountsAreOnItsFirstPageOnly() throws {
        let home = try BuiltSample.page("index.html"), second = try BuiltSample.page("page/2/index.html")
        let pages = SiteRenderer.pageCount(PageInputsTests.sample.papers.count, perPage: 25)
        #expect(pages > 2 && home.contains("<span>Page 1 of \(pages)</span>"))
        #expect(second.contains("<span>Page 2</span>"))
        let tag = try BuiltSample.page("tags/llm/index.html"), tagSecond = try BuiltSample.page("tags/llm/page/2/index.html")
        #expect(tag.contains("<p class=\"counts\">") && tag.contains(" papers, newest first · "))
        #expect(tagSecond.contains("<p class=\"counts\">Newest first · ") && !tagSecond.contains(" papers, newest first"))
        #expect(tagSecond.contains("<span>Page 2</span>"))
    }
}

extension BuildTests {
    /// A sitemap holds at most 50,000 URLs (the sitemaps protocol): a larger site's
    /// `sitemap.xml` is an index of sitemaps that hold every page but the 404 page, in page order.
    @Test func aSitemapOverTheLimitBecomesAnIndexOfSitemaps() throws {
        let renderer = SiteRenderer(model: SearchTests.sample, templates: try TemplateSet.load(siteTemplates: "/nonexistent").get(),
                                    linkStyle: .pretty, katex: true, baseURL: "https://example.org/d/").prepared(renderAll: false)
        let pages = renderer.pages()
        func sitemaps(limit: Int = 50_000) -> [(path: String, text: String)] {
            renderer.sitemapFiles(pages, limit: limit).map { ($0.path, String(decoding: renderer.sitemap($0, pages), as: UTF8.self)) }
        }
        let single = sitemaps()
        #expect(single.map(\.path) == ["sitemap.xml"] && single[0].text.contains("<urlset"))
        let split = sitemaps(limit: 1000)
        let parts = (pages.count - 1 + 999) / 1000
        #expect(split.map(\.path) == ["sitemap.xml"] + (1...parts).map { "sitemaps/\($0).xml" })
        #expect(split[0].text.contains("<sitemapindex") && split[0].text.contains("<loc>https://example.org/d/sitemaps/\(parts).xml</loc>"))
        func urls(_ text: String) -> [Substring] { text.split(separator: "\n").filter { $0.hasPrefix("<url>") } }
        #expect(split.dropFirst().allSatisfy { urls($0.text).count <= 1000 })
        #expect(split.dropFirst().flatMap { urls($0.text) } == urls(single[0].text))
    }
}

extension BuildTests {
    /// A sitemap lists each page as `<loc>`: `base_url` and the page's path without
    /// `index.html`, escaped as XML; a dated paper's date as its `lastmod`; in the order given.
    /// Its bytes are as a text made page by page has them, for the sample's pages and for a
    /// path with bytes to escape and one without `index.html`.
    @Test func aSitemapHasEachPagesEscapedURLAndAPapersDate() throws {
        let model = SearchTests.sample
        let base = "https://example.org/d&'s/"
        let renderer = SiteRenderer(model: model, templates: try TemplateSet.load(siteTemplates: "/nonexistent").get(),
                                    linkStyle: .pretty, katex: true, baseURL: base).prepared(renderAll: false)
        let pages = renderer.pages() + [SiteRenderer.Page(kind: .tag(0, page: 1), path: "tags/a&b<\"c\">'d/index.html"),
                                        SiteRenderer.Page(kind: .search, path: "search/x.html"),
                                        SiteRenderer.Page(kind: .paper(0), path: "papers/&/index.html")]
        var expected = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            expected += "<url><loc>" + Escape.xml(base + renderer.urlPath(page.path)) + "</loc>"
            if case .paper(let i) = page.kind, let date = model.papers[i].date { expected += "<lastmod>\(date)</lastmod>" }
            expected += "</url>\n"
        }
        expected += "</urlset>\n"
        let made = String(decoding: renderer.sitemap(.urls(path: "sitemap.xml", pages: Array(pages.indices)[...]), pages), as: UTF8.self)
        #expect(made == expected)
        #expect(made.contains("<loc>https://example.org/d&amp;&#39;s/tags/a&amp;b&lt;&quot;c&quot;&gt;&#39;d/</loc>"))
        #expect(made.contains("<loc>https://example.org/d&amp;&#39;s/search/x.html</loc>"))
        #expect(model.papers.contains { $0.date != nil } && made.contains("<lastmod>"))
    }
}

extension BuildTests {
    /// The feeds keep the abstracts they made, and a paper page takes its feed entry's; no other
    /// paper's is kept. A page renders the same either way.
    @Test func feedAbstractsAreKeptForTheirPagesOnly() throws {
        let model = SearchTests.sample
        let renderer = SiteRenderer(model: model, templates: try TemplateSet.load(siteTemplates: "/nonexistent").get(),
                                    linkStyle: .pretty, katex: true, baseURL: "https://example.org/d/").prepared(renderAll: false)
        let pages = renderer.pages().filter { if case .paper = $0.kind { return true } else { return false } }
        let before = pages.map { renderer.render(renderer.context(for: $0), page: $0) }
        _ = renderer.atomFeed(renderer.feed(0))
        let inFeed = Set(model.papers.indices.prefix(SiteRenderer.feedSize).filter { !model.papers[$0].abstract.isEmpty })
        #expect(inFeed.count > 40 && model.papers.count > SiteRenderer.feedSize + 20)
        for index in model.papers.indices {
            let kept = renderer.feedAbstracts.stored(index)
            #expect(kept == (inFeed.contains(index) ? MathText.markdownHTML(model.papers[index].abstract) : nil), "\(index)")
        }
        #expect(pages.map { renderer.render(renderer.context(for: $0), page: $0) } == before)
    }
}

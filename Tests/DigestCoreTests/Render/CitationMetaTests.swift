import Foundation
import Testing
@testable import DigestCore

@Suite struct CitationMetaTests {
    /// `citation_meta` is what paper.mustache's `citation_*` lines made from the page's context
    /// before they were made in Swift, on every paper page of the sample site (entities, LaTeX,
    /// quotes, papers without authors, date, venue or tags).
    @Test func citationMetaIsWhatTheTemplateMade() throws {
        let set = try Fixtures.templateSet([
            "citation-template": """
            <meta name="citation_title" content="{{title}}">
            {{#authors}}<meta name="citation_author" content="{{name}}">
            {{/authors}}{{#date}}<meta name="citation_publication_date" content="{{citation_date}}">
            {{/date}}{{#venue}}<meta name="citation_conference_title" content="{{venue}}">
            {{/venue}}{{#abstract_text}}<meta name="citation_abstract" content="{{abstract_text}}">
            {{/abstract_text}}{{#keywords}}<meta name="citation_keywords" content="{{keywords}}">
            {{/keywords}}
            """,
            "citation-swift": "{{{citation_meta}}}",
        ])
        let renderer = SiteRenderer(model: SearchTests.sample, templates: set, linkStyle: .pretty, katex: false, baseURL: "")
            .prepared(renderAll: true)
        var papers = 0, authors = 0, escaped = 0
        for page in renderer.pages() {
            guard case .paper = page.kind else { continue }
            let context = renderer.context(for: page)
            let made = set.render(context, template: "citation-swift")
            #expect(made == set.render(context, template: "citation-template"), "\(page.path)")
            papers += 1
            authors += made.components(separatedBy: "name=\"citation_author\"").count - 1
            if made.contains("&#39;") || made.contains("&quot;") || made.contains("&amp;") { escaped += 1 }
        }
        #expect(papers == 505)
        #expect(authors > 1000)
        #expect(escaped > 10)
    }
}

import Foundation
import Testing
@testable import DigestCore

@Suite struct RenderedItemsTests {
    /// The joined lists give what the sections they replace gave: `paper_items` what
    /// `{{#papers}}{{{html}}}{{/papers}}` gives, and `coauthor_items`, `related_items`,
    /// `author_links` and `tag_links` what author.mustache's section over `coauthors` and
    /// paper.mustache's over `related`, `authors` and `tags` gave — which a site's own template
    /// may still use — on every page of the sample site, with both link styles.
    @Test func joinedListsAreTheSectionsTheyReplace() throws {
        let set = try Fixtures.templateSet([
            "papers-section": "{{#papers}}{{{html}}}{{/papers}}",
            "papers-joined": "{{{paper_items}}}",
            "coauthors-section": #"{{#coauthors}}<li><a href="{{url}}">{{name}}</a> <span class="count">{{count}}</span></li>{{/coauthors}}"#,
            "coauthors-joined": "{{{coauthor_items}}}",
            "related-section": #"{{#related}}<li><a href="{{url}}">{{{title_html}}}</a>{{#byline}} <span class="byline">{{byline}}</span>{{/byline}}</li>{{/related}}"#,
            "related-joined": "{{{related_items}}}",
            "authors-section": #"{{#authors}}<a href="{{url}}">{{name}}</a>{{^last}}, {{/last}}{{/authors}}"#,
            "authors-joined": "{{{author_links}}}",
            "tags-section": #"{{#tags}}<li><a class="tag" href="{{url}}">{{id}}</a></li>{{/tags}}"#,
            "tags-joined": "{{{tag_links}}}",
        ])
        var lists = 0, coauthors = 0, related = 0, authors = 0, tags = 0
        for linkStyle in SiteRenderer.LinkStyle.allCases {
            let renderer = SiteRenderer(model: SearchTests.sample, templates: set, linkStyle: linkStyle, katex: false, baseURL: "")
                .prepared(renderAll: linkStyle == .pretty)
            for page in renderer.pages() {
                let context = renderer.context(for: page)
                if context["papers"] != nil {
                    let joined = set.render(context, template: "papers-joined")
                    #expect(joined == set.render(context, template: "papers-section"), "\(page.path)")
                    #expect(joined.contains("<li class=\"paper-item\">"))
                    lists += 1
                }
                if context["coauthors"] != nil {
                    #expect(set.render(context, template: "coauthors-joined") == set.render(context, template: "coauthors-section"), "\(page.path)")
                    coauthors += (context["coauthors"] as! [CoauthorItem]).count
                }
                if context["related"] != nil {
                    #expect(set.render(context, template: "related-joined") == set.render(context, template: "related-section"), "\(page.path)")
                    related += (context["related"] as! [RelatedItem]).count
                }
                if context["author_links"] != nil {
                    #expect(set.render(context, template: "authors-joined") == set.render(context, template: "authors-section"), "\(page.path)")
                    authors += (context["authors"] as! [AuthorLink]).count
                }
                if context["tag_links"] != nil {
                    #expect(set.render(context, template: "tags-joined") == set.render(context, template: "tags-section"), "\(page.path)")
                    tags += (context["tags"] as! [TagLink]).count
                }
            }
        }
        #expect(lists > 1000)
        #expect(coauthors > 1000)
        #expect(related > 1000)
        #expect(authors > 1000)
        #expect(tags > 100)
    }
}

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
        // Each joined list and the list it joins, whose name the test templates above take
        // (`<list>-joined`, `<list>-section`); the joined list's key says the page has one.
        let joins: [(joined: String, list: String)] = [
            ("coauthor_items", "coauthors"), ("related_items", "related"), ("author_links", "authors"), ("tag_links", "tags"),
        ]
        var lists = 0
        var items: [String: Int] = [:]
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
                for join in joins where context[join.joined] != nil {
                    #expect(set.render(context, template: join.list + "-joined") == set.render(context, template: join.list + "-section"), "\(page.path)")
                    items[join.list, default: 0] += (context[join.list] as! [any RenderedItem]).count
                }
            }
        }
        #expect(lists > 1000)
        #expect(items["coauthors", default: 0] > 1000)
        #expect(items["related", default: 0] > 1000)
        #expect(items["authors", default: 0] > 1000)
        #expect(items["tags", default: 0] > 100)
    }
}

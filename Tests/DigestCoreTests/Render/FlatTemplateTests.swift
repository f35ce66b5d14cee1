import Foundation
import Testing
@testable import DigestCore

@Suite struct FlatTemplateTests {
    /// A template of text and plain names, filled in, is what swift-mustache renders from the
    /// same values: escaped and not, a number, a name not there, a standalone comment line.
    @Test func aFilledTemplateIsItsRender() throws {
        let set = try Fixtures.templateSet([
            "flat": "{{! a comment on a line of its own }}\n<a href=\"{{url}}\" title='{{name}}'>{{{html}}}</a> {{count}}{{missing}} {{& html}}\n",
        ])
        let values: [String: Any] = ["url": "../authors/a&b/", "name": "O'Brien <\"Ann\">", "html": "<em>x</em> & y", "count": 12]
        let flat = try #require(set.flat["flat"])
        let filled = flat.fill { values[$0] }
        #expect(filled == set.render(values, template: "flat"))
        #expect(filled == "<a href=\"../authors/a&amp;b/\" title='O&#39;Brien &lt;&quot;Ann&quot;&gt;'><em>x</em> & y</a> 12 <em>x</em> & y\n")
        // A value that is neither a String nor an Int is left to a render.
        #expect(flat.fill { $0 == "count" ? 1.5 : values[$0] } == nil)
    }

    /// Filled by places (`slots`, as a list of items is), the template gives the same bytes; a
    /// name given twice takes its first place, one not given is absent.
    @Test func aTemplateFilledByPlacesIsItsFill() throws {
        let set = try Fixtures.templateSet([
            "flat": "<a href=\"{{url}}\" title='{{name}}'>{{{html}}}</a> {{count}}{{missing}} {{& html}}{{root}}\n",
        ])
        let values: [String: Any] = ["url": "../authors/a&b/", "name": "O'Brien <\"Ann\">", "html": "<em>x</em> & y", "count": 12, "root": "../"]
        let flat = try #require(set.flat["flat"])
        let names = ["url", "name", "html", "count", "root", "url"]
        let slots = flat.slots(names: names)
        func value(_ place: Int) -> FlatValue {
            switch values[names[place]] {
            case let text as String: return place == 5 ? .text("second") : .text(text)
            case let number as Int: return .number(number)
            default: return .other
            }
        }
        var bytes = Array("kept:".utf8)
        #expect(slots.fill(into: &bytes, value))
        #expect(String(decoding: bytes, as: UTF8.self) == "kept:" + (flat.fill { values[$0] } ?? "-"))
        #expect(!slots.fill(into: &bytes) { $0 == 3 ? .other : value($0) })
    }

    /// Anything but text and plain names — a section, an inverted section, a partial, a name
    /// with a dot, another content type — is rendered, not filled in.
    @Test(arguments: ["{{#a}}x{{/a}}", "{{^a}}x{{/a}}", "{{> flat}}", "{{a.b}}", "{{.}}", "{{% CONTENT_TYPE: TEXT}}{{a}}"])
    func onlyTextAndNamesAreFilledIn(text: String) throws {
        let set = try Fixtures.templateSet(["flat": "{{a}}", "other": text])
        #expect(set.flat["flat"] != nil)
        #expect(set.flat["other"] == nil)
    }

    /// The built-in items that are filled in, and one that is not (it has sections).
    @Test func builtInItemsOfNamesAloneAreFilledIn() throws {
        let set = try Fixtures.templateSet([:])
        for name in ["author-index-item", "coauthor-item", "tag-link"] { #expect(set.flat[name] != nil, "\(name)") }
        for name in ["paper-item", "author-link", "related-item", "authors"] { #expect(set.flat[name] == nil, "\(name)") }
    }

    /// The author index's joined items give what its section over each letter's `authors` gave
    /// (a site's own `authors.mustache` may still have it), in both link styles.
    @Test func theAuthorIndexItemsAreTheSectionTheyReplace() throws {
        let set = try Fixtures.templateSet([
            "index-section": #"{{#letters}}<h2 id="letter-{{letter_id}}">{{letter}}</h2><ul>{{#authors}}<li><a href="{{url}}">{{name}}</a> <span class="count">{{count}}</span></li>{{/authors}}</ul>{{/letters}}"#,
            "index-joined": #"{{#letters}}<h2 id="letter-{{letter_id}}">{{letter}}</h2><ul>{{{author_items}}}</ul>{{/letters}}"#,
        ])
        for linkStyle in SiteRenderer.LinkStyle.allCases {
            let renderer = SiteRenderer(model: SearchTests.sample, templates: set, linkStyle: linkStyle, katex: false, baseURL: "")
            let page = try #require(renderer.pages().first { $0.kind == .authorIndex })
            let context = renderer.context(for: page)
            let joined = set.render(context, template: "index-joined")
            #expect(joined == set.render(context, template: "index-section"))
            #expect(joined.components(separatedBy: "<li>").count > 100)
        }
    }
}

extension FlatTemplateTests {
    /// A site's own item template with a section is rendered, not filled in: the author index
    /// lists each author through it.
    @Test func aSitesItemWithASectionIsRendered() throws {
        let set = try Fixtures.templateSet(["author-index-item": "{{#count}}<li data-n=\"{{count}}\">{{name}}</li>{{/count}}"])
        #expect(set.flat["author-index-item"] == nil)
        let renderer = SiteRenderer(model: SearchTests.sample, templates: set, linkStyle: .pretty, katex: false, baseURL: "")
        let page = try #require(renderer.pages().first { $0.kind == .authorIndex })
        let html = renderer.render(page)
        let first = try #require(SearchTests.sample.authors.first)
        #expect(html.contains("<li data-n=\"\(first.papers.count)\">\(Escape.html(first.name))</li>"))
        #expect(html.components(separatedBy: "<li data-n=").count - 1 == SearchTests.sample.authors.count)
    }
}

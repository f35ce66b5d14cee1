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

    /// A section over a plain name, holding text and plain names, is filled in as swift-mustache
    /// renders it: over a String (empty too), an Int (0 too) or true, its content once; over
    /// false or nothing, nothing. A value of another kind is left to a render.
    @Test func aSectionIsFilledInAsItRenders() throws {
        let set = try Fixtures.templateSet([
            "flat": "<li>{{#by}}<span title=\"{{by}}\">{{{html}}}</span>{{/by}}{{#n}} ({{n}}){{/n}}|{{#missing}}x{{/missing}}</li>\n",
        ])
        let flat = try #require(set.flat["flat"])
        for by: Any? in ["Ann & Bo", "", 0, 3, true, false, nil] {
            for n: Any? in [7, nil] {
                var values: [String: Any] = ["html": "<em>x</em>"]
                (values["by"], values["n"]) = (by, n)
                // (`{{by}}` of true inside its section is a Bool's text, which only a render makes.)
                if by as? Bool == true {
                    #expect(flat.fill { values[$0] } == nil)
                    continue
                }
                let filled = try #require(flat.fill { values[$0] }, "\(String(describing: by))")
                #expect(filled == set.render(values, template: "flat"), "\(String(describing: by)), \(String(describing: n))")
            }
        }
        #expect(flat.fill { ["by": "Ann", "html": "x"][$0] } == "<li><span title=\"Ann\">x</span>|</li>\n")
        let shown = try Fixtures.templateSet(["flag": "{{#on}}<b>{{n}}</b>{{/on}}.{{^on}}<i>{{n}}</i>{{/on}}"])
        for on: Any? in [true, false, "x", 0, nil] {
            var values: [String: Any] = ["n": 2]
            values["on"] = on
            let filled = try #require(shown.flat["flag"]?.fill { values[$0] })
            #expect(filled == shown.render(values, template: "flag"), "\(String(describing: on))")
        }
        #expect(shown.flat["flag"]?.fill { ["on": "x", "n": 2][$0] } == "<b>2</b>.")
        #expect(shown.flat["flag"]?.fill { ["n": 2][$0] } == ".<i>2</i>")
        #expect(flat.fill { $0 == "by" ? 1.5 : nil } == nil)
        #expect(flat.fill { $0 == "by" ? ["a"] : nil } == nil)
    }

    /// Each sample paper's list item and related item, filled in (its tags' links joined, its
    /// byline, date and venue sections), is what swift-mustache renders from the same context,
    /// in both link styles; a tagged paper is among them.
    @Test func papersItemsAreFilledInAsTheyRender() throws {
        let set = try Fixtures.templateSet([:])
        #expect(SearchTests.sample.papers.contains { !$0.tags.isEmpty })
        for linkStyle in SiteRenderer.LinkStyle.allCases {
            let renderer = SiteRenderer(model: SearchTests.sample, templates: set, linkStyle: linkStyle, katex: false, baseURL: "").prepared()
            for index in SearchTests.sample.papers.indices {
                for template in ["paper-item", "related-item"] {
                    var context = renderer.summary(index, root: "../../")
                    (context["root"], context["ix"]) = ("../../", renderer.ix)
                    #expect(set.flat[template]?.fill { context[$0] } == set.render(context, template: template), "\(template) \(index)")
                    #expect(renderer.renderItem(index, root: "../../", template: template) == set.render(context, template: template))
                }
            }
        }
    }

    /// Every sample page is the same with the built-in items filled in as with each of them
    /// rendered (the same text with a section in a section that shows nothing, which only a
    /// render takes): papers' items, related items, author links and the rest, in both link styles.
    @Test func pagesAreTheSameWithItemsFilledInOrRendered() throws {
        let items = ["paper-item", "related-item", "author-link", "tag-link", "coauthor-item", "author-index-item"]
        let filled = try Fixtures.templateSet([:])
        #expect(items.allSatisfy { filled.flat[$0] != nil })
        let rendered = try Fixtures.templateSet(Dictionary(uniqueKeysWithValues: items.map { name in
            (name, try! #require(DefaultTemplates.files["\(name).mustache"]) + "{{#no_such_name}}{{#x}}{{/x}}{{/no_such_name}}")
        }))
        #expect(items.allSatisfy { rendered.flat[$0] == nil })
        for linkStyle in SiteRenderer.LinkStyle.allCases {
            let a = SiteRenderer(model: SearchTests.sample, templates: filled, linkStyle: linkStyle, katex: false, baseURL: "").prepared()
            let b = SiteRenderer(model: SearchTests.sample, templates: rendered, linkStyle: linkStyle, katex: false, baseURL: "").prepared()
            let pages = a.pages()
            #expect(pages.count > 20)
            for page in pages { #expect(a.render(page) == b.render(page), "\(page.path)") }
        }
    }

    /// Anything but text, plain names and sections of them — a section in a section, a partial, a name with a dot, another content type — is rendered, not filled in.
    @Test(arguments: ["{{^a}}{{#b}}x{{/b}}{{/a}}", "{{#a}}{{#b}}x{{/b}}{{/a}}", "{{#a}}{{^b}}x{{/b}}{{/a}}", "{{#a}}{{> flat}}{{/a}}", "{{#a.b}}x{{/a.b}}",
                      "{{> flat}}", "{{a.b}}", "{{.}}", "{{#a}}{{.}}{{/a}}", "{{% CONTENT_TYPE: TEXT}}{{a}}"])
    func onlyTextAndNamesAreFilledIn(text: String) throws {
        let set = try Fixtures.templateSet(["flat": "{{a}}", "other": text])
        #expect(set.flat["flat"] != nil)
        #expect(set.flat["other"] == nil)
    }

    /// The built-in items that are filled in, and pages, which are not.
    @Test func builtInItemsOfNamesAndSectionsAreFilledIn() throws {
        let set = try Fixtures.templateSet([:])
        for name in ["author-index-item", "coauthor-item", "tag-link", "paper-item", "related-item", "author-link"] { #expect(set.flat[name] != nil, "\(name)") }
        for name in ["authors", "paper"] { #expect(set.flat[name] == nil, "\(name)") }
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
    /// A site's own item template with a section is filled in by places as a render gives it:
    /// the author index lists each author through it.
    @Test func aSitesItemWithASectionIsFilledInAsRendered() throws {
        let set = try Fixtures.templateSet(["author-index-item": "{{#count}}<li data-n=\"{{count}}\">{{name}}</li>{{/count}}{{#nothing}}x{{/nothing}}"])
        #expect(set.flat["author-index-item"] != nil)
        let renderer = SiteRenderer(model: SearchTests.sample, templates: set, linkStyle: .pretty, katex: false, baseURL: "")
        let page = try #require(renderer.pages().first { $0.kind == .authorIndex })
        let html = renderer.render(page)
        let first = try #require(SearchTests.sample.authors.first)
        #expect(html.contains("<li data-n=\"\(first.papers.count)\">\(Escape.html(first.name))</li>"))
        #expect(html.components(separatedBy: "<li data-n=").count - 1 == SearchTests.sample.authors.count)
    }
}

import Foundation
import Testing
@testable import DigestCore

/// swift-mustache renders a template onto the end of a String (`MustacheLibrary.render(_:withTemplate:into:)`),
/// each part into the text of the template it is in: the same text as a render that makes a
/// String per template, section item and partial, after what the String held.
@Suite struct RenderIntoTests {
    /// Every kind of token a page's template can hold: a layout and its blocks, a partial on a
    /// line of its own and indented, a section over a list, over a Bool and over a value, an
    /// inverted section, escaped and unescaped values, a name not there.
    static let templates = [
        "frame": "<html>{{$title}}none{{/title}}|{{$main}}{{/main}}</html>\n",
        "row": "<li>{{name}}{{#first}} (first){{/first}}</li>\n",
        "page": """
            {{<frame}}{{$title}}{{title}}{{/title}}{{$main}}
            <ul>
              {{>row}}
            {{#rows}}{{>row}}{{/rows}}</ul>
            {{#flag}}flag {{{raw}}}{{/flag}}{{^none}}none{{/none}}{{#one}}[{{name}}]{{/one}}{{missing}}
            {{/main}}{{/frame}}
            """,
    ]

    static var context: [String: Any] { [
        "title": "A & B", "name": "top <level>", "raw": "<b>raw</b>", "flag": true,
        "rows": [["name": "one", "first": true], ["name": "two & three"]] as [[String: Any]],
        "one": ["name": "inner"] as [String: Any],
    ] }

    @Test func aTemplateRenderedIntoTextIsItsRenderAfterThatText() throws {
        let set = try Fixtures.templateSet(Self.templates)
        let rendered = set.render(Self.context, template: "page")
        #expect(rendered.contains("<li>one (first)</li>\n<li>two &amp; three</li>"))
        #expect(rendered.contains("  <li>top &lt;level&gt;</li>"))  // the indented partial
        #expect(rendered.contains("flag <b>raw</b>none[inner]"))
        var text = "before\n"
        #expect(set.library.render(Self.context, withTemplate: "page", into: &text))
        #expect(text == "before\n" + rendered)
    }

    /// A template not there renders nothing, and leaves the text as it was.
    @Test func aTemplateNotThereLeavesTheText() throws {
        let set = try Fixtures.templateSet(Self.templates)
        var text = "before"
        #expect(!set.library.render(Self.context, withTemplate: "nowhere", into: &text))
        #expect(text == "before")
        #expect(set.render(Self.context, template: "nowhere") == "")
    }

    /// The built-in pages of the sample site, rendered onto the end of a text, are that text
    /// and the page a build writes.
    @Test func theSamplePagesRenderedIntoTextAreTheirPages() throws {
        let set = try Fixtures.templateSet([:])
        let renderer = SiteRenderer(model: SearchTests.sample, templates: set, linkStyle: .pretty, katex: false, baseURL: "").prepared(renderAll: false)
        let pages = renderer.pages()
        #expect(pages.count > 20)
        for page in pages {
            var context = renderer.context(for: page)
            let html = renderer.render(context, page: page)
            for (name, html) in renderer.chrome.html(root: context["root"] as! String, renderer: renderer) { context[name] = html }
            var text = "<!-- before -->"
            #expect(set.library.render(context, withTemplate: SiteRenderer.template(page.kind), into: &text))
            #expect(text == "<!-- before -->" + html, "\(page.path)")
        }
    }
}

import Foundation
import Mustache
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

    /// A custom renderable that writes its own bytes, and says it did.
    final class Writer: MustacheBytesRenderable, @unchecked Sendable {
        var wrote = 0
        var renderText: String { "<i>ü & ü</i>" }
        var isNull: Bool { false }
        func write(into bytes: inout [UInt8]) {
            wrote += 1
            bytes += renderText.utf8
        }
    }

    /// A template rendered onto the end of bytes (`MustacheBytes`) is those bytes and the
    /// text its render into a String gives, as UTF-8; a custom renderable put in unescaped
    /// that writes bytes writes them, and one put in escaped is its escaped text.
    @Test func aTemplateRenderedOntoBytesIsItsRenderAfterThoseBytes() throws {
        let set = try Fixtures.templateSet(Self.templates.merging(["custom": "{{{writer}}}|{{writer}}|{{#rows}}{{{writer}}}{{/rows}}"]) { $1 })
        let writer = Writer()
        var context = Self.context
        context["writer"] = writer
        for template in ["page", "custom"] {
            let rendered = set.render(context, template: template)
            var bytes = MustacheBytes(capacity: 4)
            bytes.bytes += "before\n".utf8
            writer.wrote = 0
            #expect(set.library.render(context, withTemplate: template, into: &bytes))
            #expect(bytes.bytes == Array(("before\n" + rendered).utf8), "\(template)")
            #expect(writer.wrote == (template == "custom" ? 3 : 0))
        }
        #expect(set.render(context, template: "custom") == "<i>ü & ü</i>|&lt;i&gt;ü &amp; ü&lt;/i&gt;|<i>ü & ü</i><i>ü & ü</i>")
        var bytes = MustacheBytes()
        #expect(!set.library.render(context, withTemplate: "nowhere", into: &bytes))
        #expect(bytes.bytes.isEmpty)
    }

    /// Every page of the sample site, as a build writes it (`renderBytes`: onto bytes, its lists'
    /// items written as bytes), is its render as a String, in both link styles; and so with the
    /// paper items a rebuild takes from the items cache (copied from the cache's bytes).
    @Test func theSamplePagesWrittenAsBytesAreTheirRenders() throws {
        let set = try Fixtures.templateSet([:])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-bytes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for linkStyle in SiteRenderer.LinkStyle.allCases {
            let renderer = SiteRenderer(model: SearchTests.sample, templates: set, linkStyle: linkStyle, katex: false, baseURL: "").prepared(renderAll: false)
            let pages = renderer.pages()
            #expect(pages.count > 20)
            #expect(pages.contains { if case .home = $0.kind { true } else { false } })
            for page in pages {
                // (Compared first, so that a failure names the page, not 20 KB of bytes.)
                let same = renderer.renderBytes(renderer.context(for: page), page: page) == Array(renderer.render(page).utf8)
                #expect(same, "\(page.path)")
            }
            // Every paper's item kept but the first, with a mark where its root goes.
            let path = folder + "/\(linkStyle).bin"
            ItemsCache.write(renderer.items.toKeep(renderer).filter { $0.hash != renderer.summaryHashes[0] }, fingerprint: "f", to: path)
            let rebuilt = SiteRenderer(model: SearchTests.sample, templates: set, linkStyle: linkStyle, katex: false, baseURL: "").prepared(renderAll: false)
            let kept = try #require(ItemsCache.read(path, fingerprint: "f"))
            #expect(rebuilt.items.keep(kept, renderer: rebuilt) == 1)
            for page in pages {
                let written = rebuilt.renderBytes(rebuilt.context(for: page), page: page)
                let (same, marked) = (written == Array(renderer.render(page).utf8), written.contains(1))
                #expect(same, "\(page.path)")
                #expect(!marked, "\(page.path)")  // (no root mark left)
            }
        }
    }
}

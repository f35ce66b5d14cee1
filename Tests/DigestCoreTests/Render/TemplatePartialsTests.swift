import Foundation
import Testing
@testable import DigestCore

/// A partial that is no template, and a site template nothing uses, are warnings (Mustache
/// renders either as nothing, without a word); the built-in templates have neither.
@Suite struct TemplatePartialsTests {
    @Test func theBuiltInTemplatesIncludeOnlyTemplates() throws {
        #expect(try TemplateSet.load(siteTemplates: Fixtures.scratch("none")).get().warnings.isEmpty)
    }

    @Test func partialsAreFoundWithTheirLines() {
        let text = "<h1>{{title}}</h1>\n{{> paper-list}}\n{{#papers}}\n{{>item}} {{ > other }}\n{{/papers}}{{! > not one}}"
        #expect(TemplatePartials.references(in: text).map { "\($0.name):\($0.line)" } == ["paper-list:2", "item:4", "other:4"])
    }

    @Test func anUnknownPartialAndAnUnusedTemplateAreWarnings() throws {
        let set = try Fixtures.templateSet([
            "home": "<h1>{{title}}</h1>\n{{> paper-list}}\n{{> nosuchpartial}}\n{{> mine}}\n",
            "mine": "<p>mine</p>",
            "hom": "a typo of home",
        ])
        #expect(set.warnings.map { "\(FilePath.name(of: $0.file)):\($0.line ?? 0): \($0.message)" } == [
            "home.mustache:3: partial `nosuchpartial` is no template (built in, or in templates/): it renders as nothing",
            "hom.mustache:0: `hom` is not a template digest renders, nor a partial a template includes: it is not used",
        ])
    }
}

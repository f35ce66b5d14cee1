import Foundation

/// The partials templates include (`{{> name}}`), checked against the templates there are.
/// Mustache renders a partial it does not know as nothing, and digest would take a template
/// file of a name it does not render (`hom.mustache`) as a partial nobody includes: either
/// typo left a page silently short. Both are warnings; the site is built as it says.
enum TemplatePartials {
    /// `sources`: each template's text and file, by name; `site`: the names from the site's folder.
    static func warnings(_ sources: [String: (text: String, file: String)], site: Set<String>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var included = Set<String>()
        for name in sources.keys.sorted() {
            let (text, file) = sources[name]!
            for (partial, line) in references(in: text) {
                included.insert(partial)
                if sources[partial] == nil {
                    out.append(Diagnostic(file: file, line: line, .warning, "partial `\(partial)` is no template (built in, or in templates/): it renders as nothing"))
                }
            }
        }
        let builtIn = Set(DefaultTemplates.files.keys.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(9)) })
        for name in site.sorted() where !builtIn.contains(name) && !included.contains(name) {
            out.append(Diagnostic(file: sources[name]!.file, line: nil, .warning,
                                  "`\(name)` is not a template digest renders, nor a partial a template includes: it is not used"))
        }
        return out
    }

    /// Each `{{> name}}` in `text`, with its line.
    static func references(in text: String) -> [(name: String, line: Int)] {
        var found: [(String, Int)] = []
        TemplateTags.forEach(in: text) { tag in
            if tag.sigil == UInt8(ascii: ">"), !tag.name.isEmpty { found.append((tag.name, tag.line)) }
            return true
        }
        return found
    }
}

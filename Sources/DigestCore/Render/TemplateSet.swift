import Foundation
import Mustache

/// The templates a build renders with: the defaults built into digest, each replaced by a
/// file of the same name in the site's `templates/` folder, and the site's own partials.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    /// Assets (`assets/style.css`, …) by path, site files over defaults.
    public let assets: [String: [UInt8]]
    /// Which templates came from the site, for the build summary.
    public let overridden: [String]
    /// Hash of every template's text and every asset: what all pages depend on.
    public let fingerprint: UInt64
    /// Partials included that are no template, and site templates nothing uses (`TemplatePartials`).
    public let warnings: [Diagnostic]
    /// The templates that are text and plain variables alone, by name: filled in, not rendered.
    let flat: [String: FlatTemplate]
    /// Whether a paper page shows its related papers in one place alone (`RelatedBlock`), where
    /// a rebuild may put a new list in the old one's place.
    let relatedStandsAlone: Bool

    public static func load(siteTemplates folder: String) -> Result<TemplateSet, Diagnostics> {
        var sources: [String: (text: String, file: String)] = [:]
        var assets: [String: [UInt8]] = [:]
        for (path, text) in DefaultTemplates.files {
            if path.hasSuffix(".mustache") {
                sources[String(path.dropLast(9))] = (text, "built-in templates/" + path)
            } else {
                assets[path] = Array(text.utf8)
            }
        }
        var overridden: [String] = []
        var errors: [Diagnostic] = []
        for path in siteFiles(in: folder) {
            if SymbolicLink.isLink(folder + "/" + path) {
                errors.append(SymbolicLink.diagnostic(folder + "/" + path))
                continue
            }
            guard let bytes = FileBytes.read(folder + "/" + path) else { continue }
            // Only a file that differs from the built-in one counts as an override.
            if DefaultTemplates.files[path].map({ Array($0.utf8) == bytes }) == true { continue }
            if path.hasSuffix(".mustache") {
                sources[String(path.dropLast(9))] = (String(decoding: bytes, as: UTF8.self), folder + "/" + path)
                overridden.append(path)
            } else if path.hasPrefix("assets/") {
                assets[path] = bytes
                overridden.append(path)
            }
        }
        TemplateEscaping.registered
        var library = MustacheLibrary()
        for name in sources.keys.sorted() {
            let (text, file) = sources[name]!
            do {
                library.register(try MustacheTemplate(string: TemplateEscaping.pragma + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                errors.append(Diagnostic(file: file, line: error.context.lineNumber - TemplateEscaping.pragmaLines, .error,
                                         "template error: \(error.error) near `\(error.context.line.trimmingCharacters(in: .whitespaces))`"))
            } catch {
                errors.append(Diagnostic(file: file, line: nil, .error, "template error: \(error)"))
            }
        }
        guard errors.isEmpty else { return .failure(Diagnostics(all: errors)) }
        var hash = ContextHash()
        for name in sources.keys.sorted() { hash.add(tag: 1, name); hash.add(tag: 2, sources[name]!.text) }
        for path in assets.keys.sorted() { hash.add(tag: 3, path); hash.add(assets[path]!) }
        let siteNames = Set(overridden.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(9)) })
        let flat = sources.keys.reduce(into: [String: FlatTemplate]()) { flat, name in
            flat[name] = library.getTemplate(named: name).flatMap(FlatTemplate.init)
        }
        return .success(TemplateSet(library: library, assets: assets, overridden: overridden.sorted(), fingerprint: hash.value,
                                    warnings: TemplatePartials.warnings(sources, site: siteNames), flat: flat,
                                    relatedStandsAlone: sources["paper"].map { RelatedBlock.standsAlone(paper: $0.text) { sources[$0]?.text } } ?? false))
    }

    /// Files below the folder, as paths relative to it, skipping hidden ones.
    static func siteFiles(in folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    public func render(_ context: [String: Any], template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// The same text as UTF-8 bytes, rendered onto bytes made with room for `capacity`
    /// (`MustacheBytes`).
    func renderBytes(_ context: [String: Any], template: String, capacity: Int) -> [UInt8] {
        var bytes = MustacheBytes(capacity: capacity)
        return library.render(context, withTemplate: template, into: &bytes) ? bytes.bytes : []
    }
}

import Mustache

/// swift-mustache escapes `{{var}}` one Character at a time through a dictionary lookup, which
/// was a seventh of a 10k-paper build. This content type escapes the same five characters
/// byte by byte (`Escape.html`); `TemplateSet` registers it under swift-mustache's own name
/// "HTML" and starts every template with the pragma that selects it.
struct TemplateEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { Escape.html(text) }

    /// Put in front of each template's text on a line of its own, so that it renders nothing and
    /// the template's first line stays standalone; parse errors subtract `pragmaLines`.
    static let pragma = "{{% CONTENT_TYPE: HTML}}\n"
    static let pragmaLines = 1

    /// Registration is process-wide; doing it once before any template is parsed is enough.
    static let registered: Void = MustacheContentTypes.register(TemplateEscaping(), named: "HTML")
}

/// Strings and numbers are most of what templates insert and what sections push. swift-mustache
/// asks unknown values for children through `Mirror` and prints them through
/// `String(describing:)`, each after several dynamic casts; these conformances answer both
/// directly — no children, and the text itself — with the same output. (The patched
/// swift-mustache now prints a String before its casts and knows a String, Int or Bool on its
/// stack by its exact type, so its own paths rarely ask these; an Int printed, `{{line}}`, does.)
extension String: @retroactive MustacheParent, @retroactive MustacheCustomRenderable {
    public func child(named: String) -> Any? { nil }
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheParent, @retroactive MustacheCustomRenderable {
    public func child(named: String) -> Any? { nil }
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}

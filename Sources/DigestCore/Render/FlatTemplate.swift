import Mustache

/// A template that is text and plain variables alone (`MustacheTemplate.flatParts`), filled in
/// without a render: the bytes swift-mustache gives for a String or an Int, escaped as
/// `TemplateEscaping` escapes (every template of a `TemplateSet` starts with its pragma). A
/// list item rendered by swift-mustache cost ~16k instructions however little it held: the
/// author index's 155k items at 100k papers were 2.5 billion, one page on one core.
struct FlatTemplate: Sendable {
    let parts: [MustacheTemplate.FlatPart]
    /// Room for the text and a few values, made once: grown append by append, the text was
    /// copied again at each doubling (400 instructions an append).
    private let room: Int

    init?(_ template: MustacheTemplate) {
        guard let parts = template.flatParts else { return nil }
        self.parts = parts
        room = parts.reduce(0) { if case .text(let text) = $1 { $0 + text.utf8.count } else { $0 + 32 } }
    }

    /// The template with each name's value from `value` (nil: the name is not there, and
    /// renders nothing); nil when a value is neither a String nor an Int, which only a render
    /// knows how to show.
    func fill(_ value: (String) -> Any?) -> String? {
        var text = ""
        text.reserveCapacity(room)
        for part in parts {
            switch part {
            case .text(let literal): text += literal
            case .variable(let name, let escaped):
                switch value(name) {
                case nil: continue
                case let string as String: text += escaped ? Escape.html(string) : string
                case let number as Int: text += String(number)
                default: return nil
                }
            }
        }
        return text
    }
}

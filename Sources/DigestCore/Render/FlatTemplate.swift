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
    let room: Int

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

/// A value an item gives a flat template's variable, by its place among the item's names
/// (`FlatTemplate.Slots`): what `fill` takes from a String or an Int, or nothing.
enum FlatValue {
    case text(String)
    case number(Int)
    /// The name is not there: it renders nothing.
    case absent
    /// A value only a render knows how to show.
    case other
}

extension FlatTemplate {
    /// The template's parts with each variable bound, once for a list's many items, to its
    /// place among the names an item gives; a name not among them is absent. (A variable looked
    /// up by its name for each item, a closure's `Any` cast back, and the text grown String by
    /// String were 10k instructions an item: 1.5 billion for the author index's 155k at 100k
    /// papers, one page on one core.)
    struct Slots: Sendable {
        fileprivate enum Slot: Sendable {
            case text([UInt8])
            case value(place: Int, escaped: Bool)
        }
        fileprivate let slots: [Slot]
        /// Room an item takes, about.
        let room: Int

        /// The bytes `fill` gives, onto the end of `bytes`, each variable's value from `value` by
        /// its place; false when a value is `other` (`bytes` then holds what was filled before it).
        func fill(into bytes: inout [UInt8], _ value: (Int) -> FlatValue) -> Bool {
            for slot in slots {
                switch slot {
                case .text(let literal): bytes += literal
                case .value(let place, let escaped):
                    switch value(place) {
                    case .absent: continue
                    case .text(let string): if escaped { Escape.appendHTML(string, to: &bytes) } else { bytes += string.utf8 }
                    case .number(let number): bytes += String(number).utf8
                    case .other: return false
                    }
                }
            }
            return true
        }
    }

    /// The template bound to the places of `names`, for a list's items (`Slots`).
    func slots(names: [String]) -> Slots {
        Slots(slots: parts.compactMap { part in
            switch part {
            case .text(let literal): return .text(Array(literal.utf8))
            case .variable(let name, let escaped): return names.firstIndex(of: name).map { .value(place: $0, escaped: escaped) }
            }
        }, room: room)
    }
}

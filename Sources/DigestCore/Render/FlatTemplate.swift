import Mustache

/// A template that is text, plain variables and sections of them alone
/// (`MustacheTemplate.flatParts`), filled in without a render: the bytes swift-mustache gives
/// for a String, an Int or a list's joined items, and for a section over a Bool, a String, an
/// Int or nothing, escaped as `TemplateEscaping` escapes (every template of a `TemplateSet`
/// starts with its pragma). A list item rendered by swift-mustache cost ~16k instructions
/// however little it held: the author index's 155k items at 100k papers were 2.5 billion, one
/// page on one core.
struct FlatTemplate: Sendable {
    let parts: [MustacheTemplate.FlatPart]
    /// Room for the text and a few values, made once: grown append by append, the text was
    /// copied again at each doubling (400 instructions an append). Filled as bytes, each value
    /// appended as `FlatValue` shows it, the same for one item (`fill`) as for a list (`Slots`).
    let room: Int

    init?(_ template: MustacheTemplate) {
        guard let parts = template.flatParts else { return nil }
        self.parts = parts
        room = Self.room(parts)
    }

    private static func room(_ parts: [MustacheTemplate.FlatPart]) -> Int {
        parts.reduce(0) { room, part in
            switch part {
            case .text(let text): room + text.utf8.count
            case .variable: room + 32
            case .section(_, let inner), .invertedSection(_, let inner): room + Self.room(inner)
            }
        }
    }

    /// The template with each name's value from `value` (nil: the name is not there, and
    /// renders nothing); nil when a value is one only a render knows how to show (a variable's
    /// neither a String, an Int nor joined items; a section's neither a Bool, a String nor an Int).
    func fill(_ value: (String) -> Any?) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(room)
        guard Self.fill(parts, value, into: &bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func fill(_ parts: [MustacheTemplate.FlatPart], _ value: (String) -> Any?, into bytes: inout [UInt8]) -> Bool {
        for part in parts {
            switch part {
            case .text(let literal): bytes += literal.utf8
            case .variable(let name, let escaped): guard FlatValue(value(name)).append(escaped: escaped, to: &bytes) else { return false }
            case .section(let name, let inner), .invertedSection(let name, let inner):
                // (The value looked up once, for the section and for its name inside it:
                // `{{#byline}} {{byline}}{{/byline}}` made a paper's byline twice.)
                let held = value(name)
                guard let shows = FlatValue(held).showsSection,
                      shows != part.isSection || fill(inner, { $0 == name ? held : value($0) }, into: &bytes) else { return false }
            }
        }
        return true
    }
}

/// A value an item gives a flat template's variable, by its place among the item's names
/// (`FlatTemplate.Slots`), or that `fill` finds for a name: what a variable or a section shows
/// of it as swift-mustache renders them.
enum FlatValue {
    case text(String)
    case number(Int)
    /// A Bool: a section over it shows its content for true; as a variable, its text is a
    /// render's to make.
    case flag(Bool)
    /// A list's joined items (`RenderedItems`: a paper's tag links): their text, as a render
    /// puts it in; a section over them is a render's to show.
    case joined(MustacheCustomRenderable)
    /// A link to a folder page: `root`, `folder`, `name`, `/` and `ix`, one after another
    /// (`SiteRenderer.link`), written in their parts: made one String first, the links of the
    /// A–Z index's 155k authors at 100k papers were 2.4k instructions each.
    case link(root: String, folder: String, name: String, ix: String)
    /// The name is not there: it renders nothing.
    case absent
    /// A value only a render knows how to show.
    case other

    /// What a name's lookup gave: nil, a String, a Bool (asked before a number, as a section
    /// asks), an Int, joined items, or something else.
    init(_ value: Any?) {
        switch value {
        case nil: self = .absent
        case let string as String: self = .text(string)
        case let flag as Bool: self = .flag(flag)
        case let number as Int: self = .number(number)
        case let joined as MustacheCustomRenderable: self = .joined(joined)
        default: self = .other
        }
    }

    /// The value as a template's context holds it (`child(named:)`). (`other` is made only
    /// from what `init` could not take.)
    var child: Any? {
        switch self {
        case .text(let string): return string
        case .number(let number): return number
        case .flag(let flag): return flag
        case .joined(let joined): return joined
        case .link(let root, let folder, let name, let ix): return root + folder + name + "/" + ix
        case .absent, .other: return nil
        }
    }

    /// Whether a section over the value shows what it holds (an inverted one: whether it does
    /// not), as swift-mustache renders one over a Bool, a String, an Int (once: the names in it
    /// are the page's, which such a value has none of) or nothing; nil for a value only a
    /// render knows how to show.
    var showsSection: Bool? {
        switch self {
        case .absent: return false
        case .flag(let flag): return flag
        case .text, .number, .link: return true
        case .joined, .other: return nil
        }
    }

    /// Its bytes, escaped or not, onto the end of `bytes`: the text, the number's digits, the
    /// joined items' text, or nothing; false for a Bool or `other`.
    func append(escaped: Bool, to bytes: inout [UInt8]) -> Bool {
        switch self {
        case .absent: return true
        case .text(let string): if escaped { Escape.appendHTML(string, to: &bytes) } else { bytes += string.utf8 }
        case .number(let number): bytes += String(number).utf8
        case .joined(let joined):
            // (Unescaped, written as bytes when it can: not made a String, checked as UTF-8, first.)
            if !escaped, let writer = joined as? MustacheBytesRenderable { writer.write(into: &bytes) } else {
                _ = FlatValue.text(joined.renderText).append(escaped: escaped, to: &bytes)
            }
        case .link(let root, let folder, let name, let ix):
            // (Escaping is byte by byte: the parts escaped are the whole escaped.)
            func put(_ part: String) { if escaped { Escape.appendHTML(part, to: &bytes) } else { bytes += part.utf8 } }
            put(root); put(folder); put(name); put("/"); put(ix)
        case .flag, .other: return false
        }
        return true
    }
}

extension FlatTemplate {
    /// The template's parts with each variable bound, once for a list's many items, to its
    /// place among the names an item gives; a name not among them is absent. (A variable looked
    /// up by its name for each item, a closure's `Any` cast back, and the text grown String by
    /// String were 10k instructions an item: 1.5 billion for the author index's 155k at 100k
    /// papers, one page on one core.)
    struct Slots: Sendable {
        fileprivate indirect enum Slot: Sendable {
            case text([UInt8])
            case value(place: Int, escaped: Bool)
            /// A section, or an inverted one, over the value at `place` (nil: a name not given, absent).
            case section(place: Int?, [Slot], inverted: Bool)
        }
        fileprivate let slots: [Slot]
        /// Room an item takes, about.
        let room: Int

        /// The bytes `fill` gives, onto the end of `bytes`, each variable's value from `value` by
        /// its place; false when a value is `other` (`bytes` then holds what was filled before it).
        func fill(into bytes: inout [UInt8], _ value: (Int) -> FlatValue) -> Bool {
            Self.fill(slots, into: &bytes, value)
        }

        private static func fill(_ slots: [Slot], into bytes: inout [UInt8], _ value: (Int) -> FlatValue) -> Bool {
            for slot in slots {
                switch slot {
                case .text(let literal): bytes += literal
                case .value(let place, let escaped): guard value(place).append(escaped: escaped, to: &bytes) else { return false }
                case .section(let place, let inner, let inverted):
                    // (The value made once, for the section and for its place inside it.)
                    let held = place.map(value)
                    guard let shows = held.map(\.showsSection) ?? false,
                          shows == inverted || fill(inner, into: &bytes, { $0 == place ? held! : value($0) }) else { return false }
                }
            }
            return true
        }
    }

    /// The template bound to the places of `names`, for a list's items (`Slots`).
    func slots(names: [String]) -> Slots {
        Slots(slots: Self.slots(parts, names: names), room: room)
    }

    private static func slots(_ parts: [MustacheTemplate.FlatPart], names: [String]) -> [Slots.Slot] {
        parts.compactMap { part in
            switch part {
            case .text(let literal): return .text(Array(literal.utf8))
            case .variable(let name, let escaped): return names.firstIndex(of: name).map { .value(place: $0, escaped: escaped) }
            case .section(let name, let inner): return .section(place: names.firstIndex(of: name), slots(inner, names: names), inverted: false)
            case .invertedSection(let name, let inner): return .section(place: names.firstIndex(of: name), slots(inner, names: names), inverted: true)
            }
        }
    }
}

extension MustacheTemplate.FlatPart {
    /// Whether it is a section (not an inverted one): what it shows its content for.
    fileprivate var isSection: Bool { if case .section = self { true } else { false } }
}

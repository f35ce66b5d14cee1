import Yams

/// Writes a record's front matter as Yams (libyaml, unlimited width, Unicode kept) writes it,
/// byte for byte, for the shapes ingest writes: plain or quoted one-line scalars, flow lists,
/// a block list of flow mappings. Anything else — an anchor, a tag, a block scalar, a line
/// break, a character libyaml escapes, an empty value — it declines, and Yams writes it whole.
/// Yams builds a C event per node, copies each Node and string on the way, and was a fifth
/// of ingest's time; the choices copied here are libyaml's `yaml_emitter_analyze_scalar` and
/// `yaml_emitter_select_scalar_style`, and `FrontMatterWriterTests` holds them against Yams.
enum FrontMatterWriter {
    /// Appends the front matter's lines to `out`; false, with `out` as it was, for a shape
    /// this writer does not know.
    static func write(_ fields: [(key: String, value: Node)], into out: inout [UInt8]) -> Bool {
        let start = out.count
        guard lines(fields, into: &out) else {
            out.removeSubrange(start...)
            return false
        }
        return true
    }

    private static func lines(_ fields: [(key: String, value: Node)], into out: inout [UInt8]) -> Bool {
        guard !fields.isEmpty else { return false }
        for (key, value) in fields {
            guard isSimpleKey(key) else { return false }
            out.append(utf8Of: key)
            out.append(UInt8(ascii: ":"))
            switch value {
            case .scalar(let scalar):
                out.append(0x20)
                guard write(scalar, inFlow: false, into: &out) else { return false }
            case .sequence(let sequence) where sequence.style == .flow:
                out.append(0x20)
                guard writeFlow(sequence, into: &out) else { return false }
            case .sequence(let sequence):
                guard isPlainList(sequence) else { return false }
                // libyaml writes a list in a mapping without indenting its dashes.
                for item in sequence {
                    out.append(contentsOf: [0x0A, UInt8(ascii: "-"), 0x20])
                    switch item {
                    case .scalar(let scalar): guard write(scalar, inFlow: false, into: &out) else { return false }
                    case .sequence(let inner) where inner.style == .flow: guard writeFlow(inner, into: &out) else { return false }
                    case .mapping(let inner) where inner.style == .flow: guard writeFlow(inner, into: &out) else { return false }
                    default: return false
                    }
                }
            case .mapping(let mapping) where mapping.style == .flow:
                out.append(0x20)
                guard writeFlow(mapping, into: &out) else { return false }
            default:
                return false
            }
            out.append(0x0A)
        }
        return true
    }

    /// A list or mapping whose tag libyaml does not write: none, or the one it would infer.
    private static func isPlainTag(_ tag: Tag, _ name: Tag.Name) -> Bool {
        tag.rawValue == Tag.Name.implicit.rawValue || tag.rawValue == name.rawValue
    }

    /// A list with items, no anchor and no tag to write (libyaml writes an empty one `[]`).
    private static func isPlainList(_ sequence: Node.Sequence) -> Bool {
        sequence.anchor == nil && isPlainTag(sequence.tag, .seq) && !sequence.isEmpty
    }

    /// `[a, b]`: plain or quoted scalars only.
    private static func writeFlow(_ sequence: Node.Sequence, into out: inout [UInt8]) -> Bool {
        guard isPlainList(sequence) else { return false }
        out.append(UInt8(ascii: "["))
        for index in sequence.startIndex..<sequence.endIndex {
            if index > sequence.startIndex { out.append(contentsOf: [UInt8(ascii: ","), 0x20]) }
            let item = sequence[index]
            guard case .scalar(let scalar) = item, write(scalar, inFlow: true, into: &out) else { return false }
        }
        out.append(UInt8(ascii: "]"))
        return true
    }

    /// `{key: value, key: value}`: scalars only, keys short enough to stay simple keys.
    private static func writeFlow(_ mapping: Node.Mapping, into out: inout [UInt8]) -> Bool {
        guard mapping.anchor == nil, isPlainTag(mapping.tag, .map), !mapping.isEmpty
        else { return false }
        out.append(UInt8(ascii: "{"))
        // By index: a mapping's iterator copies every pair into a new array first.
        for index in mapping.startIndex..<mapping.endIndex {
            if index > mapping.startIndex { out.append(contentsOf: [UInt8(ascii: ","), 0x20]) }
            let pair = mapping[index]
            guard case .scalar(let key) = pair.key, key.string.utf8.count <= maxSimpleKey,
                  write(key, inFlow: true, into: &out) else { return false }
            out.append(contentsOf: [UInt8(ascii: ":"), 0x20])
            guard case .scalar(let value) = pair.value, write(value, inFlow: true, into: &out) else { return false }
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// libyaml writes a longer key as a complex key (`? key`).
    private static let maxSimpleKey = 128

    /// A field name libyaml writes plain: a letter or `_`, then letters, digits, `_` or `-`.
    private static func isSimpleKey(_ key: String) -> Bool {
        let utf8 = key.utf8
        guard let first = utf8.first, utf8.count <= maxSimpleKey, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }

    /// One scalar in the style libyaml would pick for it, or false when it is not one this
    /// writer knows (anchored, block style, empty, or with a character that is not printable
    /// on one line).
    private static func write(_ scalar: Node.Scalar, inFlow: Bool, into out: inout [UInt8]) -> Bool {
        scalar.anchor == nil && write(scalar.string, scalar.style, inFlow: inFlow, into: &out)
    }

    /// A scalar's text in `style`, as libyaml writes it (`NewRecordText` writes its values so).
    static func write(_ string: String, _ style: Node.Scalar.Style, inFlow: Bool, into out: inout [UInt8]) -> Bool {
        guard let shape = Shape(string) else { return false }
        switch style {
        case .any, .plain:
            if shape.plainAllowed(inFlow: inFlow) {
                out.append(utf8Of: string)
            } else {
                writeQuoted(string, quote: UInt8(ascii: "'"), into: &out)
            }
        case .singleQuoted:
            writeQuoted(string, quote: UInt8(ascii: "'"), into: &out)
        case .doubleQuoted:
            writeQuoted(string, quote: UInt8(ascii: "\""), into: &out)
        case .literal, .folded:
            return false
        }
        return true
    }

    /// In single quotes, a quote doubled; in double quotes, a quote or a backslash after a
    /// backslash. The runs between are appended whole (a title is double-quoted, and has none).
    private static func writeQuoted(_ string: String, quote: UInt8, into out: inout [UInt8]) {
        var string = string
        string.withUTF8 { bytes in
            out.append(quote)
            var run = 0
            for i in bytes.indices where bytes[i] == quote || (quote == UInt8(ascii: "\"") && bytes[i] == UInt8(ascii: "\\")) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                out.append(quote == UInt8(ascii: "'") ? quote : UInt8(ascii: "\\"))
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
            out.append(quote)
        }
    }

    /// What libyaml's scalar analysis finds in a non-empty one-line text of printable
    /// characters: whether it starts or ends with a space, and whether an indicator
    /// keeps it from being plain in flow (`[a, b]`) or block (`key: a`) context.
    struct Shape {
        var edgeSpace = false
        var flowIndicators = false
        var blockIndicators = false

        func plainAllowed(inFlow: Bool) -> Bool { !edgeSpace && !(inFlow ? flowIndicators : blockIndicators) }

        /// nil when the text is empty or has a character libyaml would not write as it is
        /// (controls, line breaks, U+FEFF, U+FFFE–U+FFFF, anything beyond U+FFFF).
        init?(_ text: String) {
            var text = text
            guard let shape = text.withUTF8({ Shape(bytes: $0) }) else { return nil }
            self = shape
        }

        private init?(bytes: UnsafeBufferPointer<UInt8>) {
            let count = bytes.count
            guard count > 0 else { return nil }
            edgeSpace = bytes[0] == 0x20 || bytes[count - 1] == 0x20
            // Most values (names, places, dates, listings) are printable ASCII with no
            // indicator anywhere: one pass of table lookups tells, with no branch per byte;
            // only the others are looked at byte by byte (a switch per byte was ~40
            // instructions a byte, most of writing a new record's front matter).
            var seen: UInt8 = Self.firstByteMarks[Int(bytes[0])]
            for byte in bytes { seen |= Self.byteMarks[Int(byte)] }
            if seen == 0 { return }
            guard Self.printableOnOneLine(bytes) else { return nil }
            if count >= 3, (bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: ".")), bytes[1] == bytes[0], bytes[2] == bytes[0] {
                flowIndicators = true
                blockIndicators = true
            }
            for index in 0..<count {
                let byte = bytes[index]
                guard byte < 0x80 else { continue }
                let followedBySpace = index + 1 == count || bytes[index + 1] == 0x20
                if index == 0 {
                    switch byte {
                    case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                         UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
                         UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                        flowIndicators = true
                        blockIndicators = true
                    case UInt8(ascii: "?"), UInt8(ascii: ":"):
                        flowIndicators = true
                        if followedBySpace { blockIndicators = true }
                    case UInt8(ascii: "-") where followedBySpace:
                        flowIndicators = true
                        blockIndicators = true
                    default:
                        break
                    }
                } else {
                    switch byte {
                    case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                        flowIndicators = true
                    case UInt8(ascii: ":"):
                        flowIndicators = true
                        if followedBySpace { blockIndicators = true }
                    case UInt8(ascii: "#") where bytes[index - 1] == 0x20:
                        flowIndicators = true
                        blockIndicators = true
                    default:
                        break
                    }
                }
            }
        }

        /// Non-zero for a byte that is not printable ASCII, or is an indicator somewhere in a
        /// scalar; `firstByteMarks` also for one that is an indicator first (or starts `---`
        /// or `...`).
        private static let byteMarks: [UInt8] = (0...255).map { byte in
            byte < 0x20 || byte >= 0x7F || ",?[]{}:#".utf8.contains(UInt8(byte)) ? 1 : 0
        }
        private static let firstByteMarks: [UInt8] = (0...255).map { byte in
            "#,[]{}&*!|>'\"%@`?:-.".utf8.contains(UInt8(byte)) ? 1 : 0
        }

        /// libyaml's `IS_PRINTABLE` without its line breaks (`\n`, U+2028, U+2029), over UTF-8.
        private static func printableOnOneLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var index = 0
            let count = bytes.count
            while index < count {
                let lead = bytes[index]
                switch lead {
                case 0x20...0x7E: index += 1; continue
                case 0xC2: guard bytes[index + 1] >= 0xA0 else { return false }
                case 0xC3...0xDF: break
                case 0xE2: guard !(bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)) else { return false }
                case 0xE0, 0xE1, 0xE3...0xEC, 0xEE: break
                case 0xED: guard bytes[index + 1] < 0xA0 else { return false }
                case 0xEF:
                    let second = bytes[index + 1], third = bytes[index + 2]
                    guard !(second == 0xBB && third == 0xBF), !(second == 0xBF && (third == 0xBE || third == 0xBF)) else { return false }
                default: return false
                }
                index += lead >= 0xE0 ? 3 : 2
            }
            return true
        }
    }
}

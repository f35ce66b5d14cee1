import Yams

/// Reads front matter in the shapes `FrontMatterWriter` writes — those ingest writes, so nearly
/// every record of a site — without libyaml: its parser, and Yams composing its events into
/// nodes, were two fifths of loading a record in every build.
///
/// A text is taken only when the writer, given what was read, gives back its bytes exactly.
/// The writer gives what Yams writes for those nodes, and Yams reads what it wrote as the same
/// nodes, so what this reader returns is what Yams would read (values as text, as a build reads
/// them); a comment, an escape, an empty value, a stray space — anything else — goes to Yams.
/// Nodes read here carry no `Mark`: the line each field starts on comes back beside them.
enum FrontMatterReader {
    /// The fields of `yaml` (the lines between the `---` lines, each ending in a line break)
    /// with the line each value starts on, counted from the first line of `yaml` as 1; nil for
    /// a text this reader leaves to Yams.
    static func fields(_ yaml: UnsafeBufferPointer<UInt8>) -> (fields: [(key: String, value: Node)], lines: [Int])? {
        var reader = Cursor(bytes: yaml)
        guard let read = reader.fields(), !read.fields.isEmpty else { return nil }
        for i in read.fields.indices.dropFirst() where read.fields[..<i].contains(where: { $0.key == read.fields[i].key }) {
            return nil  // Yams says which key is there twice, and on which line
        }
        var written: [UInt8] = []
        written.reserveCapacity(yaml.count)
        guard FrontMatterWriter.write(read.fields, into: &written), written.elementsEqual(yaml) else { return nil }
        return read
    }

    /// Tags for what is read: every scalar's is `str` (`YAMLTags.str`), as Yams' basic resolver
    /// reads it; a mapping's resolves with that resolver too the keys Yams' `map[key]` is asked for
    /// (a build asks `value(forWord:)`, which needs no resolver).
    nonisolated(unsafe) private static let seq = Tag(.seq, .basic, YAMLTags.constructor)
    nonisolated(unsafe) private static let map = Tag(.map, .basic, YAMLTags.constructor)

    /// One pass over the bytes. It need not reject every text it reads wrong — the writer's
    /// comparison does — only stop, without reading past the end, wherever its shapes end.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var next: UInt8? { at < bytes.count ? bytes[at] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard next == byte else { return false }
            at += 1
            return true
        }

        /// `key: value` lines, and `key:` lines followed by `- item` lines.
        mutating func fields() -> (fields: [(key: String, value: Node)], lines: [Int])? {
            var fields: [(key: String, value: Node)] = []
            var lines: [Int] = []
            var line = 1
            while at < bytes.count {
                let keyStart = at
                while let byte = next, byte != UInt8(ascii: ":"), byte != 0x0A { at += 1 }
                guard at > keyStart, take(UInt8(ascii: ":")) else { return nil }
                let key = text(keyStart..<(at - 1))
                if take(0x20) {
                    guard let value = value(inFlow: false), take(0x0A) else { return nil }
                    fields.append((key, value))
                    lines.append(line)
                    line += 1
                    continue
                }
                guard take(0x0A) else { return nil }
                line += 1
                lines.append(line)  // a block list starts where Yams' mark has it: at its first item
                var items: [Node] = []
                while take(UInt8(ascii: "-")) {
                    guard take(0x20), let item = value(inFlow: false), take(0x0A) else { return nil }
                    items.append(item)
                    line += 1
                }
                guard !items.isEmpty else { return nil }
                fields.append((key, .sequence(.init(items, FrontMatterReader.seq, .block))))
            }
            return (fields, lines)
        }

        /// A scalar, `[a, b]` or `{k: v, k: v}`.
        mutating func value(inFlow: Bool) -> Node? {
            if !inFlow, take(UInt8(ascii: "[")) {
                var items: [Node] = []
                repeat {
                    guard let item = scalar(inFlow: true) else { return nil }
                    items.append(.scalar(item))
                } while separator()
                guard take(UInt8(ascii: "]")) else { return nil }
                return .sequence(.init(items, FrontMatterReader.seq, .flow))
            }
            if !inFlow, take(UInt8(ascii: "{")) {
                var pairs: [(Node, Node)] = []
                repeat {
                    guard let key = scalar(inFlow: true), take(UInt8(ascii: ":")), take(0x20),
                          let value = scalar(inFlow: true) else { return nil }
                    pairs.append((.scalar(key), .scalar(value)))
                } while separator()
                guard take(UInt8(ascii: "}")) else { return nil }
                return .mapping(.init(pairs, FrontMatterReader.map, .flow))
            }
            return scalar(inFlow: inFlow).map(Node.scalar)
        }

        /// `, ` between flow items.
        mutating func separator() -> Bool {
            guard next == UInt8(ascii: ","), at + 1 < bytes.count, bytes[at + 1] == 0x20 else { return false }
            at += 2
            return true
        }

        /// A double-quoted scalar with only `\"` and `\\` escaped, a single-quoted one, or a
        /// plain one: to the line's end, or in a flow to the next `,`, `:`, `]` or `}`.
        mutating func scalar(inFlow: Bool) -> Node.Scalar? {
            if take(UInt8(ascii: "\"")) {
                var text: [UInt8] = []
                while let byte = next, byte != UInt8(ascii: "\"") {
                    at += 1
                    if byte == UInt8(ascii: "\\") {
                        guard let escaped = next, escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") else { return nil }
                        at += 1
                        text.append(escaped)
                    } else {
                        guard byte != 0x0A else { return nil }
                        text.append(byte)
                    }
                }
                guard take(UInt8(ascii: "\"")) else { return nil }
                return Node.Scalar(String(decoding: text, as: UTF8.self), YAMLTags.str, .doubleQuoted)
            }
            if take(UInt8(ascii: "'")) {
                var text: [UInt8] = []
                while let byte = next, byte != 0x0A {
                    at += 1
                    if byte == UInt8(ascii: "'") {
                        guard take(UInt8(ascii: "'")) else {
                            return Node.Scalar(String(decoding: text, as: UTF8.self), YAMLTags.str, .singleQuoted)
                        }
                    }
                    text.append(byte)
                }
                return nil
            }
            let start = at
            while let byte = next, byte != 0x0A,
                  !inFlow || (byte != UInt8(ascii: ",") && byte != UInt8(ascii: ":") && byte != UInt8(ascii: "]") && byte != UInt8(ascii: "}")) {
                at += 1
            }
            guard at > start else { return nil }
            return Node.Scalar(text(start..<at), YAMLTags.str, .plain)
        }

        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
    }
}

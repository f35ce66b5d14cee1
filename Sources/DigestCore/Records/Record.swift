import Yams

/// A paper's Markdown record: YAML front matter between `---` lines, then the abstract.
/// The front matter is kept as an ordered YAML mapping, so fields ingest does not know
/// (notes, links, a person's own tags) pass through untouched.
public struct Record {
    public var id: String
    public var fields: [(key: String, value: Node)]
    public var body: String
    /// The line each field starts on in the file, when it was read without Yams, whose nodes
    /// carry their own (`FrontMatterReader`).
    var fieldLines: [(key: String, line: Int)] = []

    public init(id: String, fields: [(key: String, value: Node)] = [], body: String = "") {
        self.id = id
        self.fields = fields
        self.body = body
    }

    public subscript(key: String) -> Node? {
        get { fields.first { $0.key == key }?.value }
        set {
            if let index = fields.firstIndex(where: { $0.key == key }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append((key, newValue))
            }
        }
    }

    /// The line of the file where `key` starts, when the reader knew it.
    public func line(of key: String) -> Int? {
        guard let node = self[key] else { return nil }
        // Yams counts lines from the first line of the front matter, the file's second.
        if let mark = node.mark { return mark.line + 1 }
        return fieldLines.first { $0.key == key }?.line
    }

    public func string(_ key: String) -> String? { self[key].flatMap(Self.text(of:)) }

    public func int(_ key: String) -> Int? { self[key].flatMap(Self.number(of:)) }

    public func bool(_ key: String) -> Bool { self[key].map(Self.flag(of:)) ?? false }

    /// A list of strings; a single string counts as a list of one.
    public func strings(_ key: String) -> [String] { self[key].map(Self.texts(of:)) ?? [] }

    /// What `string(_:)` gives for a field's value: a scalar's text, nil for a null, a list or a mapping.
    static func text(of node: Node) -> String? {
        guard case .scalar(let scalar) = node, !isNull(scalar) else { return nil }
        return scalar.string
    }

    /// What `int(_:)` gives for a field's value.
    static func number(of node: Node) -> Int? { text(of: node).flatMap { Int($0) } }

    /// What `bool(_:)` gives for a field's value.
    static func flag(of node: Node) -> Bool {
        guard let value = text(of: node)?.lowercased() else { return false }
        return value == "true" || value == "yes"
    }

    /// What `strings(_:)` gives for a field's value.
    static func texts(of node: Node) -> [String] {
        switch node {
        case .sequence(let seq): return seq.compactMap { $0.string }
        case .scalar(let scalar) where !isNull(scalar): return [scalar.string]
        default: return []
        }
    }

    private static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain || scalar.style == .any ? ["", "~", "null", "Null", "NULL"].contains(scalar.string) : false
    }
}

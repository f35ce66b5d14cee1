import Yams

/// How `PaperFacts` sit in a record's front matter: which keys, in which order, in which
/// YAML style. Ingest owns these keys and leaves every other key alone.
public enum RecordFields {
    /// The order fields take in a new record; `tags` is filled by the tagger.
    public static let order = [
        "title", "title_inferred", "authors", "author_count", "organization", "affiliation",
        "date", "upvotes", "venue", "session", "room", "tags", "sources",
    ]

    /// The keys whose values come from listings (sources are handled on their own).
    static let owned = ["title", "title_inferred", "authors", "author_count", "organization", "affiliation",
                        "date", "upvotes", "venue", "session", "room", "tags"]

    /// A field's value as ingest writes it, before it is a YAML node: `node` makes the node,
    /// and `NewRecordText` a new record's text straight from it.
    enum Value {
        /// Plain, or single-quoted where YAML would read it as something else (`textStyle`).
        case text(String)
        /// Double-quoted (a title: its colons and quotes stay as they are).
        case quoted(String)
        case int(Int)
        /// `true`.
        case flag
        case date(String)
        /// Texts, in flow style: `[a, b]`.
        case list([String])
        /// A block list of `{listing: …, line: …}`.
        case sources([SourceRef])
    }

    static func value(_ key: String, of facts: PaperFacts) -> Value? {
        switch key {
        case "title": return .quoted(facts.title)
        case "title_inferred": return facts.titleInferred ? .flag : nil
        case "authors": return facts.authors.isEmpty ? nil : .list(facts.authors)
        case "author_count": return facts.authorCount.map(Value.int)
        case "organization": return facts.organization.map(Value.text)
        case "affiliation": return facts.affiliation.map(Value.text)
        case "date": return facts.date.map(Value.date)
        case "upvotes": return facts.upvotes.map(Value.int)
        case "venue": return facts.venue.map(Value.text)
        case "session": return facts.session.map(Value.text)
        case "room": return facts.room.map(Value.text)
        case "tags": return facts.tags.isEmpty ? nil : .list(facts.tags)
        case "sources": return .sources(facts.sources)
        default: return nil
        }
    }

    static func node(_ key: String, of facts: PaperFacts) -> Node? { value(key, of: facts).map(node) }

    static func node(_ value: Value) -> Node {
        switch value {
        case .text(let s): return text(s)
        case .quoted(let s): return quoted(s)
        case .int(let n): return int(n)
        case .flag: return Node("true", YAMLTags.bool)
        case .date(let s): return Node(s, YAMLTags.timestamp)
        case .list(let items): return list(items)
        case .sources(let refs): return sources(refs)
        }
    }

    /// A string that stays a string: `null`, `true` or `123` are quoted, as YAML would read
    /// them as something else.
    static func text(_ s: String) -> Node {
        // An explicit `str` tag: the emitter would otherwise resolve every scalar's tag with
        // regular expressions, most of the time spent writing records.
        .scalar(Node.Scalar(s, YAMLTags.str, textStyle(s)))
    }

    /// `text`'s style: any (plain where YAML allows it), or single-quoted for text YAML
    /// would read back as another type.
    static func textStyle(_ s: String) -> Node.Scalar.Style {
        guard mightNotBeAString(s) else { return .any }
        return Resolver.default.resolveTag(of: .scalar(Node.Scalar(s, YAMLTags.make(.implicit)))) == .str ? .any : .singleQuoted
    }

    /// Only text that starts like a number, a date or `~`, or is a word such as `true` or
    /// `null`, can resolve to another type; asking Yams' resolver (regular expressions) for
    /// every author name would be most of ingest's time.
    static func mightNotBeAString(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return true }
        if (first >= 0x30 && first <= 0x39) || first == 0x2B || first == 0x2D || first == 0x2E || first == 0x7E { return true }
        return s.utf8.count <= 5 && ["y", "n", "yes", "no", "true", "false", "on", "off", "null"].contains(s.lowercased())
    }
    static func quoted(_ s: String) -> Node { .scalar(.init(s, YAMLTags.str, .doubleQuoted)) }
    static func int(_ n: Int) -> Node { Node(String(n), YAMLTags.int) }
    static func list(_ items: [String]) -> Node { .sequence(.init(items.map(text), YAMLTags.make(.implicit), .flow)) }

    static func sources(_ refs: [SourceRef]) -> Node {
        .sequence(.init(refs.map { ref in
            .mapping(.init([(text("listing"), text(ref.listing)), (text("line"), int(ref.line))], YAMLTags.make(.implicit), .flow))
        }, YAMLTags.make(.implicit), .block))
    }

    /// What a field says, whatever its YAML style: how hand edits are told from ingest's own values.
    static func meaning(_ node: Node?) -> [String]? {
        switch node {
        case nil: return nil
        case .scalar(let s)?: return ["", "~", "null"].contains(s.string) && s.style != .doubleQuoted && s.style != .singleQuoted ? nil : [s.string]
        case .sequence(let seq)?: return seq.map(canonical)
        case .mapping(let map)?: return map.map { canonical($0.key) + ": " + canonical($0.value) }
        case .alias?: return ["*alias"]
        }
    }

    /// A node as text, with no trace of its YAML style.
    static func canonical(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string
        case .sequence(let seq): return "[" + seq.map(canonical).joined(separator: ", ") + "]"
        case .mapping(let map): return "{" + map.map { canonical($0.key) + ": " + canonical($0.value) }.joined(separator: ", ") + "}"
        case .alias: return "*alias"
        }
    }

    public static func sourceRefs(in record: Record) -> [SourceRef] { record["sources"].map(sourceRefs(of:)) ?? [] }

    /// The sources a record's `sources` value names.
    static func sourceRefs(of node: Node) -> [SourceRef] {
        guard case .sequence(let seq) = node else { return [] }
        return seq.compactMap { node in
            guard case .mapping(let map) = node, let listing = map.value(forWord: "listing")?.string else { return nil }
            return SourceRef(listing: listing, line: map.value(forWord: "line").flatMap(line) ?? 0)
        }
    }

    /// A source's line number as YAML reads it. Lines are written as plain decimals, which
    /// are read here directly: Yams reads an integer through NSString (for `1_000`) and base-60
    /// forms, a third of making a paper's facts in every build.
    private static func line(_ node: Node) -> Int? {
        if case .scalar(let scalar) = node, scalar.style == .plain, let first = scalar.string.utf8.first, first != UInt8(ascii: "0"),
           scalar.string.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return Int(scalar.string)
        }
        return node.int
    }

    /// The facts a record holds now, field by field the inverse of `node(_:of:)`. One pass over
    /// the fields, from the last, so that the first of a key there twice wins as in `record[key]`:
    /// a lookup per fact copied every field it passed, most of making a paper's facts.
    public static func facts(in record: Record) -> PaperFacts {
        var facts = PaperFacts(title: "")
        for (key, value) in record.fields.reversed() {
            switch key {
            case "title": facts.title = Record.text(of: value) ?? ""
            case "title_inferred": facts.titleInferred = Record.flag(of: value)
            case "authors": facts.authors = Record.texts(of: value)
            case "author_count": facts.authorCount = Record.number(of: value)
            case "organization": facts.organization = Record.text(of: value)
            case "affiliation": facts.affiliation = Record.text(of: value)
            case "date": facts.date = Record.text(of: value)
            case "upvotes": facts.upvotes = Record.number(of: value)
            case "venue": facts.venue = Record.text(of: value)
            case "session": facts.session = Record.text(of: value)
            case "room": facts.room = Record.text(of: value)
            case "tags": facts.tags = Record.texts(of: value)
            case "sources": facts.sources = sourceRefs(of: value)
            default: break
            }
        }
        facts.abstract = record.body
        return facts
    }

    /// The keys a record is matched by: its title (unless inferred) and abstract.
    /// What of a record says which paper it is: title, abstract and sources.
    static func identityFacts(of record: Record) -> PaperFacts {
        var facts = PaperFacts(title: record.string("title") ?? "")
        facts.titleInferred = record.bool("title_inferred")
        facts.abstract = record.body
        facts.sources = sourceRefs(in: record)
        return facts
    }

    /// A new record for facts no record holds yet.
    static func newRecord(id: String, facts: PaperFacts) -> Record {
        var record = Record(id: id, body: facts.abstract)
        for key in order { if let node = node(key, of: facts) { record.fields.append((key, node)) } }
        return record
    }

    /// Brings a record up to date with what its listings now say, keeping hand edits: a
    /// field whose value differs from what ingest last derived (`base`) was changed by a
    /// person and is kept; any other field takes the listings' new value. With no base
    /// (the record's listings are gone), ingest only fills in fields the record lacks.
    /// Returns the record and whether it says anything the old one did not (a change of
    /// YAML style alone is none, so a hand-formatted record is left as its author wrote it).
    static func updated(_ record: Record, base: PaperFacts?, new: PaperFacts) -> (record: Record, changed: Bool) {
        var updated = record
        for key in owned {
            let current = record[key]
            let wanted = node(key, of: new)
            if let base {
                if meaning(current) == meaning(node(key, of: base)) { set(key, wanted, in: &updated) }
            } else if current == nil {
                set(key, wanted, in: &updated)
            }
        }
        // A paper always has tags: a record left with none gets the vocabulary's.
        if updated["tags"] == nil, !new.tags.isEmpty { set("tags", node("tags", of: new), in: &updated) }
        // A count says nothing an author list does not.
        if !updated.strings("authors").isEmpty && meaning(record["author_count"]) == meaning(base.flatMap { node("author_count", of: $0) }) {
            set("author_count", nil, in: &updated)
        }
        if let base {
            if record.body == base.abstract { updated.body = new.abstract }
        } else if record.body.isEmpty {
            updated.body = new.abstract
        }
        // Sources from the listings read now are replaced; others (listings not read) stay.
        let reread = Set(new.sources.map(\.listing)).union(base?.sources.map(\.listing) ?? [])
        let kept = sourceRefs(in: record).filter { !reread.contains($0.listing) }
        set("sources", sources(Array(Set(kept + new.sources)).sorted()), in: &updated)
        giveUsualStyles(&updated)
        let changed = updated.body != record.body || updated.fields.map(\.key) != record.fields.map(\.key)
            || zip(updated.fields, record.fields).contains { meaning($0.value) != meaning($1.value) }
        return (updated, changed)
    }

    /// YAML styles are not kept by the reader: the known fields get their usual ones back,
    /// so that a rewritten record looks like a new one.
    static func giveUsualStyles(_ record: inout Record) {
        if let title = record.string("title") { set("title", quoted(title), in: &record) }
        for key in ["authors", "tags"] where record[key] != nil {
            let items = record.strings(key)
            if meaning(record[key]) == items { set(key, list(items), in: &record) }
        }
    }

    /// Sets a field where it stands; a new one goes where it belongs in `order`, after the
    /// known fields before it, so a person's own fields keep their places.
    static func set(_ key: String, _ value: Node?, in record: inout Record) {
        guard record[key] == nil, let value else { record[key] = value; return }
        let rank = order.firstIndex(of: key) ?? order.count
        let after = record.fields.lastIndex { (order.firstIndex(of: $0.key) ?? Int.max) < rank }
        let before = record.fields.firstIndex { (order.firstIndex(of: $0.key) ?? -1) > rank }
        let index = after.map { $0 + 1 } ?? before ?? record.fields.count
        record.fields.insert((key, value), at: index)
    }
}

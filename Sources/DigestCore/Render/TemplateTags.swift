/// The tags of a template's text as Mustache reads them with its default delimiters, for the
/// checks made on a site's templates before any is rendered: the partials they include
/// (`TemplatePartials`) and where a paper page shows its related papers (`RelatedBlock`).
enum TemplateTags {
    struct Tag {
        /// `#`, `^`, `/`, `&`, `>`, `<`, `$`, `!`, `=` or `%`; `{` for a triple mustache; a space
        /// for a plain variable.
        let sigil: UInt8
        /// What follows the sigil, without the spaces and tabs around it.
        let name: String
        /// The line its `{{` is on, from 1.
        let line: Int
    }

    /// `body` with each tag of `text` in turn, until it returns false. False when a tag is not
    /// closed (the tags before it were given).
    @discardableResult
    static func forEach(in text: String, _ body: (Tag) -> Bool) -> Bool {
        let bytes = Array(text.utf8)
        let (brace, closing, newline) = (UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\n"))
        func blank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var (at, line) = (0, 1)
        while let start = find([brace, brace], in: bytes, from: at) {
            line += bytes[at..<start].reduce(0) { $1 == newline ? $0 + 1 : $0 }
            let triple = start + 2 < bytes.count && bytes[start + 2] == brace
            let content = start + (triple ? 3 : 2)
            guard let end = find(triple ? [closing, closing, closing] : [closing, closing], in: bytes, from: content) else { return false }
            var tag = bytes[content..<end].drop(while: blank)
            var sigil = triple ? brace : UInt8(ascii: " ")
            if !triple, let first = tag.first, Self.sigils.contains(first) {
                sigil = first
                tag = tag.dropFirst()
            }
            while let last = tag.last, blank(last) { tag = tag.dropLast() }
            guard body(Tag(sigil: sigil, name: String(decoding: tag.drop(while: blank), as: UTF8.self), line: line)) else { return true }
            line += bytes[start..<end].reduce(0) { $1 == newline ? $0 + 1 : $0 }
            at = end + (triple ? 3 : 2)
        }
        return true
    }

    private static let sigils = Array("#^/&>!=<$%".utf8)

    /// Where `needle` first is in `bytes` at or after `from`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        var at = from
        while at + needle.count <= bytes.count {
            if bytes[at] == needle[0] && bytes[at..<(at + needle.count)].elementsEqual(needle) { return at }
            at += 1
        }
        return nil
    }
}

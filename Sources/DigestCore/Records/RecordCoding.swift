import Foundation
import Yams

/// Reads and writes the text of a record. Writing is canonical — the same record always
/// gives the same bytes — so that a re-ingest that changes nothing writes nothing.
public enum RecordCoding {
    public struct ReadError: Error, Sendable {
        public let line: Int
        public let message: String
    }

    /// `valuesAsText`: every value read as text (Yams' basic resolver), all a build or a check
    /// reads of them, and a record in the shapes ingest writes read without libyaml
    /// (`FrontMatterReader`). Otherwise each plain scalar is typed (int, bool, null…) with
    /// regular expressions, which ingest needs to write records back with the same quoting.
    public static func read(id: String, text: String, valuesAsText: Bool = false) throws(ReadError) -> Record {
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        // Over the buffer: the generic `contains` over the whole record was a fifth of reading one.
        let hasCR = text.withUTF8 { $0.contains(0x0D) }
        let normalized = hasCR ? Substring(text.replacingOccurrences(of: "\r\n", with: "\n")) : text
        // Lines are found as bytes, and only up to the closing line: splitting the whole record
        // into Characters (grapheme breaking every byte of every abstract) was 5% of a build.
        let utf8 = normalized.utf8
        func lineEnd(_ start: String.Index) -> String.Index { utf8[start...].firstIndex(of: 0x0A) ?? utf8.endIndex }
        let firstEnd = lineEnd(normalized.startIndex)
        guard normalized[..<firstEnd].trimmingTrailingSpaces() == "---" else {
            throw ReadError(line: 1, message: "a record starts with a `---` line, then its YAML front matter")
        }
        let yamlStart = firstEnd == utf8.endIndex ? firstEnd : utf8.index(after: firstEnd)
        var closeStart = yamlStart
        var closeEnd = firstEnd
        while true {
            guard closeEnd < utf8.endIndex else { throw ReadError(line: 1, message: "the front matter has no closing `---` line") }
            closeEnd = lineEnd(closeStart)
            let line = normalized[closeStart..<closeEnd].trimmingTrailingSpaces()
            if line == "---" || line == "..." { break }
            closeStart = closeEnd == utf8.endIndex ? closeEnd : utf8.index(after: closeEnd)
        }
        // The abstract, without the blank lines and spaces around it, copied once.
        let body = closeEnd == utf8.endIndex ? "" : String(trimmedSlice(normalized[utf8.index(after: closeEnd)...]))
        if valuesAsText, let read = utf8[yamlStart..<closeStart].withContiguousStorageIfAvailable(FrontMatterReader.fields) ?? nil {
            var record = Record(id: id, fields: read.fields, body: body)
            // The front matter's first line is the file's second.
            record.fieldLines = zip(read.fields, read.lines).map { ($0.key, $1 + 1) }
            return record
        }
        let yaml = closeStart == yamlStart ? "" : String(normalized[yamlStart..<utf8.index(before: closeStart)])
        let node: Node?
        do {
            // Naming the encoding spares Yams a lookup per call, and a shared constructor the
            // building of Yams' default one.
            node = try Yams.compose(yaml: yaml, valuesAsText ? .basic : .default, YAMLTags.constructor, .utf8)
        } catch let error as YamlError {
            throw ReadError(line: Self.line(of: error) + 1, message: "front matter is not valid YAML: \(Self.describe(error))")
        } catch {
            throw ReadError(line: 2, message: "front matter is not valid YAML: \(error)")
        }
        var record = Record(id: id, body: body)
        guard let node else { return record }
        guard case .mapping(let mapping) = node else {
            throw ReadError(line: 2, message: "front matter must be a mapping of `field: value` lines")
        }
        for (key, value) in mapping {
            guard let name = key.string else {
                throw ReadError(line: (key.mark?.line ?? 1) + 1, message: "front matter keys must be plain names")
            }
            if record[name] != nil {
                throw ReadError(line: (key.mark?.line ?? 1) + 1, message: "field `\(name)` appears twice")
            }
            record.fields.append((name, value))
        }
        return record
    }

    public static func write(_ record: Record) -> String { String(decoding: bytes(record), as: UTF8.self) }

    /// The record's file, made in one buffer: joining the front matter and the abstract as
    /// Strings, then taking their bytes, copied each record two or three times.
    static func bytes(_ record: Record) -> [UInt8] {
        bytes(body: record.body) { out in
            if !FrontMatterWriter.write(record.fields, into: &out) { out += yamsText(record.fields).utf8 }
            return true
        }!
    }

    /// A record's file with the front matter `frontMatter` appends, its lines each ended by a
    /// line break; nil when `frontMatter` gives false.
    static func bytes(body: String, frontMatter: (inout [UInt8]) -> Bool) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(body.utf8.count + 640)
        out.append(utf8Of: "---\n")
        guard frontMatter(&out) else { return nil }
        out.append(utf8Of: "---\n")
        let trimmedBody = trimmedSlice(body[...])
        if !trimmedBody.isEmpty {
            out.append(utf8Of: trimmedBody)
            out.append(0x0A)
        }
        return out
    }

    /// The front matter as Yams writes it; `FrontMatterWriter` gives the same bytes, faster,
    /// for the fields ingest writes.
    static func yamsText(_ fields: [(key: String, value: Node)]) -> String {
        let mapping = Node.Mapping(fields.map { (Node($0.key, YAMLTags.str), $0.value) }, YAMLTags.make(.implicit))
        // width -1: never fold a long title or abstract across lines.
        return (try? Yams.serialize(node: .mapping(mapping), width: -1, allowUnicode: true)) ?? ""
    }

    /// Without the blank lines and spaces around it; Foundation's trimming is slow on Linux.
    static func trimmedSlice(_ text: Substring) -> Substring {
        let utf8 = text.utf8
        let isSpace = { (b: UInt8) in b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = utf8.lastIndex(where: { !isSpace($0) })!
        return text[start...end]
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return 1
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        default:
            return "\(error)"
        }
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}

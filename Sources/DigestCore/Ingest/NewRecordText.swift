import Yams

/// A new record's file straight from its facts: the bytes `RecordCoding.bytes` gives for
/// `RecordFields.newRecord`, with no YAML nodes made on the way. Making the nodes (a tag and a
/// copy per value, a mapping per source) and walking them again to write them was a sixth of
/// a fresh ingest. A value `FrontMatterWriter` leaves to Yams (a character libyaml escapes)
/// makes the record the nodes' way.
enum NewRecordText {
    static func bytes(id: String, facts: PaperFacts) -> [UInt8] {
        direct(facts) ?? RecordCoding.bytes(RecordFields.newRecord(id: id, facts: facts))
    }

    /// nil when some value is one Yams must write.
    static func direct(_ facts: PaperFacts) -> [UInt8]? {
        RecordCoding.bytes(body: facts.abstract) { out in
            for key in RecordFields.order {
                guard let value = RecordFields.value(key, of: facts) else { continue }
                out.append(utf8Of: key)
                out.append(UInt8(ascii: ":"))
                guard append(value, to: &out) else { return false }
                out.append(0x0A)
            }
            return true
        }
    }

    /// What follows a field's colon, as `FrontMatterWriter` writes its node.
    private static func append(_ value: RecordFields.Value, to out: inout [UInt8]) -> Bool {
        func scalar(_ text: String, _ style: Node.Scalar.Style, inFlow: Bool) -> Bool {
            FrontMatterWriter.write(text, style, inFlow: inFlow, into: &out)
        }
        switch value {
        case .text(let text):
            out.append(0x20)
            return scalar(text, RecordFields.textStyle(text), inFlow: false)
        case .quoted(let text):
            out.append(0x20)
            return scalar(text, .doubleQuoted, inFlow: false)
        case .int(let number):
            out.append(0x20)
            return scalar(String(number), .any, inFlow: false)
        case .flag:
            out.append(0x20)
            return scalar("true", .any, inFlow: false)
        case .date(let date):
            out.append(0x20)
            return scalar(date, .any, inFlow: false)
        case .list(let items):
            guard !items.isEmpty else { return false }  // libyaml writes `[]`
            out.append(utf8Of: " [")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(utf8Of: ", ") }
                guard scalar(item, RecordFields.textStyle(item), inFlow: true) else { return false }
            }
            out.append(UInt8(ascii: "]"))
            return true
        case .sources(let refs):
            guard !refs.isEmpty else { return false }
            // A list in a mapping, its dashes not indented; each item a flow mapping.
            for ref in refs {
                out.append(utf8Of: "\n- {listing: ")
                guard scalar(ref.listing, RecordFields.textStyle(ref.listing), inFlow: true) else { return false }
                out.append(utf8Of: ", line: ")
                guard scalar(String(ref.line), .any, inFlow: true) else { return false }
                out.append(UInt8(ascii: "}"))
            }
            return true
        }
    }
}

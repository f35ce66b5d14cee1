/// Escaping for the three kinds of text a page holds. Templates escape what they insert;
/// these are for markup built in Swift (math spans, JSON-LD, feeds).
public enum Escape {
    /// Text and quoted attribute values in HTML (and XML): `& < > " '`. Byte by byte: every
    /// page's text goes through here (templates escape with it too, see `TemplateEscaping`).
    public static func html(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: htmlEscaped) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8 + 8)
            out.append(contentsOf: bytes[..<first])
            appendEscapingHTML(UnsafeBufferPointer(rebasing: bytes[first...]), to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// `html(text)`'s bytes onto the end of `out`: no String made for a value filled into bytes.
    static func appendHTML(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            if bytes.contains(where: htmlEscaped) { appendEscapingHTML(bytes, to: &out) } else { out.append(contentsOf: bytes) }
        }
    }

    private static func appendEscapingHTML(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])        // &amp;
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])              // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])              // &gt;
            case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
            case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])        // &#39;
            default: out.append(byte)
            }
        }
    }

    /// XML 1.0 text: as HTML, minus the control characters XML forbids.
    /// (Those are single bytes below 0x20, which UTF-8 never uses inside a longer character, so
    /// they are dropped byte by byte, and text without them — nearly all — is left as it is.)
    public static func xml(_ text: String) -> String {
        guard text.containsByte(where: xmlForbidden) else { return html(text) }
        return html(String(decoding: text.utf8.filter { !xmlForbidden($0) }, as: UTF8.self))
    }

    /// A control character XML 1.0 forbids (`xml` drops it).
    static func xmlForbidden(_ byte: UInt8) -> Bool { byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D }

    /// A byte `html` escapes: `& < > " '`.
    static func htmlEscaped(_ byte: UInt8) -> Bool { byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 }

    /// Whether `xml` changes a text with this byte: one it escapes or drops.
    static func xmlEscaped(_ byte: UInt8) -> Bool { htmlEscaped(byte) || xmlForbidden(byte) }

    /// A JSON string literal that is also safe inside `<script>`: no `</script>`, no `<!--`,
    /// and U+2028/U+2029 escaped for old JavaScript parsers.
    public static func jsonString(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        appendJSONString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `jsonString(text)` added to `out`. Runs of bytes that need no escape — nearly all of a
    /// paper's JSON-LD, which holds its abstract — are found through a table and copied whole.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            jsonPlain.withUnsafeBufferPointer { plain in
                var (run, i) = (0, 0)
                while i < bytes.count {
                    let byte = bytes[i]
                    if plain[Int(byte)] { i += 1; continue }
                    // U+2028 and U+2029 are E2 80 A8 / E2 80 A9; any other E2 is copied.
                    let separator = byte == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9)
                    if byte == 0xE2 && !separator { i += 1; continue }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                    switch byte {
                    case 0x22: out += [0x5C, 0x22]  // \"
                    case 0x5C: out += [0x5C, 0x5C]  // \\
                    case 0x0A: out += [0x5C, 0x6E]  // \n
                    case 0x0D: out += [0x5C, 0x72]  // \r
                    case 0x09: out += [0x5C, 0x74]  // \t
                    case 0xE2: appendUnicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out); i += 2
                    default: appendUnicodeEscape(UInt32(byte), to: &out)  // < > & and other controls
                    }
                    i += 1
                    run = i
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
            }
        }
        out.append(0x22)
    }

    /// Bytes a JSON string holds as they are: all but `"`, `\`, `<`, `>`, `&`, the controls, and
    /// E2 (which may start U+2028 or U+2029).
    private static let jsonPlain: [Bool] = (0...255).map { byte in
        !(byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2)
    }

    /// `\uXXXX`, lowercase hex, as JSON writes an escaped character.
    private static func appendUnicodeEscape(_ code: UInt32, to out: inout [UInt8]) {
        out += [0x5C, 0x75]
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hexDigits[Int((code >> UInt32(shift)) & 0xF)]) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A URL query value.
    public static func query(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.append(byte)
            case 0x20: out.append(UInt8(ascii: "+"))
            default: out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The character encoding a listing file is in. Listings are pasted or saved by hand, and not
/// always as UTF-8: Windows' Notepad saves "Unicode" as UTF-16, and older tools and pages save
/// Windows-1252 (Latin-1 with typographic quotes and dashes). Such a file read as UTF-8 was no
/// listing at all (a poster session's `·` between authors is one byte in Windows-1252, so no
/// line looked like authors). Each is read as what it is, and ingest says so (a warning: the
/// encoding other than UTF-8 is told from the bytes, and the user may still want to convert).
public enum ListingEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1252 = "Windows-1252"

    /// UTF-16 told from the opening bytes: a byte order mark (FF FE little-endian, FE FF
    /// big-endian), else a quarter of the opening bytes NUL (UTF-16 of Latin text has every
    /// other byte NUL; a stray NUL in UTF-8 text is cleaned, not taken for UTF-16), the byte
    /// order from whether the NULs are mostly at odd offsets (`a` is 61 00 little-endian).
    /// nil: not UTF-16.
    static func utf16(_ bytes: UnsafeBufferPointer<UInt8>) -> (encoding: ListingEncoding, bomLength: Int)? {
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        let opening = bytes.prefix(4096)
        var (odd, even) = (0, 0)
        for (i, byte) in opening.enumerated() where byte == 0 {
            if i & 1 == 1 { odd += 1 } else { even += 1 }
        }
        guard odd + even > opening.count / 4 else { return nil }
        return (odd >= even ? .utf16LE : .utf16BE, 0)
    }

    /// What a file not read as UTF-8 seems to be, and how that is known: one phrase for a
    /// listing and a record alike (`not UTF-8 text but UTF-16LE, it seems (…)`).
    static func seems(_ encoding: ListingEncoding, byteOrderMark: Bool) -> String {
        "not UTF-8 text but \(encoding.rawValue), it seems (\(howTold(encoding, byteOrderMark: byteOrderMark)))"
    }

    /// How the encoding of bytes read as `encoding` was told, for the warning.
    static func howTold(_ encoding: ListingEncoding, byteOrderMark: Bool) -> String {
        switch encoding {
        case .utf8: return "its bytes are UTF-8"
        case .utf16LE, .utf16BE: return byteOrderMark ? "its byte order mark says so" : "a quarter or more of its opening bytes are NUL"
        case .windows1252: return "its bytes are not UTF-8, and none of them makes a UTF-8 character"
        }
    }

    /// UTF-16 code units (after the byte order mark) as UTF-8 bytes; nil when they are not
    /// UTF-16 (an odd count of bytes, a surrogate without its pair).
    static func utf8(fromUTF16 bytes: UnsafeBufferPointer<UInt8>, _ encoding: ListingEncoding, skipping bomLength: Int) -> [UInt8]? {
        let body = UnsafeBufferPointer(rebasing: bytes[bomLength...])
        guard body.count % 2 == 0 else { return nil }
        let bigEndian = encoding == .utf16BE
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        for i in stride(from: 0, to: body.count, by: 2) {
            let (high, low) = bigEndian ? (body[i], body[i + 1]) : (body[i + 1], body[i])
            units.append(UInt16(high) << 8 | UInt16(low))
        }
        return String(validating: units, as: UTF16.self).map { Array($0.utf8) }
    }

    /// Windows-1252 bytes as UTF-8, as browsers decode it (the WHATWG Encoding Standard, where
    /// `latin1` and `iso-8859-1` name it too): 80–9F are the typographic characters it puts
    /// there, and the five it leaves undefined stand for the C1 controls of their value.
    /// (Foundation's `.windowsCP1252` decodes no file with one of those five: all of it lost.)
    static func utf8(fromWindows1252 bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { out.append(byte); continue }
            let scalar = byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            UTF8.encode(Unicode.Scalar(scalar)!) { out.append($0) }
        }
        return out
    }

    /// The characters of bytes 80–9F.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Whether lines read as UTF-8 are Windows-1252 instead: some are not UTF-8, and no line has
    /// a character UTF-8 decodes beyond ASCII (a valid one would be garbled by reading the file
    /// as Windows-1252: then the file is UTF-8 with bytes broken, and only their papers are lost).
    static func isWindows1252(_ lines: [ListingLine]) -> Bool {
        guard lines.contains(where: { !$0.isValidUTF8 }) else { return false }
        return lines.allSatisfy { line in
            line.text.utf8.allSatisfy { $0 < 0x80 } || (!line.isValidUTF8 && line.text.unicodeScalars.allSatisfy { $0.isASCII || $0 == "\u{FFFD}" })
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// One line of a listing as the parsers see it: its 1-based number in the file and its text
/// with leading and trailing white space removed.
public struct ListingLine: Sendable, Equatable {
    public let number: Int
    public let text: String
    /// False when the bytes of this line were not valid UTF-8; the text then holds U+FFFD
    /// in their place, so that the parser keeps its place but the entry is dropped.
    public let isValidUTF8: Bool
    /// The line's length in bytes when it is over `ListingText.maxLineBytes`; its text is
    /// then only a placeholder, and the entry it belongs to is dropped.
    public var tooLong: Int? = nil
}

/// A listing file read into lines. CRLF or CR line ends, a UTF-8 byte order mark, and
/// trailing spaces or tabs make no difference to what the parsers see; nor does a file in
/// UTF-16 or Windows-1252 rather than UTF-8 (`ListingEncoding`).
public struct ListingText: Sendable {
    /// No title, author list or abstract is a megabyte long; a longer line is a page dump
    /// gone wrong (or an attack), and is not kept in memory or handed to the parsers.
    public static let maxLineBytes = 1 << 20
    /// The path as the user gave it, for messages.
    public let path: String
    /// The file name, which is how records refer to the listing.
    public let name: String
    public let lines: [ListingLine]
    /// What the bytes were read as.
    public let encoding: ListingEncoding
    /// The bytes look like `encoding` (UTF-16) but are not: an odd count of them, or a
    /// surrogate without its pair. `lines` is then empty.
    public let isBroken: Bool
    /// Whether a byte order mark said the encoding (UTF-16), rather than the bytes' look.
    public let hasByteOrderMark: Bool
    /// How `encoding` was told from the bytes, for messages.
    public var howTold: String { ListingEncoding.howTold(encoding, byteOrderMark: hasByteOrderMark) }

    public init(path: String, name: String, bytes: some Collection<UInt8>) {
        self.path = path
        self.name = name
        (lines, encoding, isBroken, hasByteOrderMark) = bytes.withContiguousStorageIfAvailable(Self.read) ?? Array(bytes).withUnsafeBufferPointer(Self.read)
    }

    /// The lines of bytes in whichever encoding they are. UTF-8 is read as it is; the others
    /// are made UTF-8 first, which costs a UTF-8 listing nothing but the look at its opening
    /// bytes for UTF-16 (and Windows-1252 is only looked for when some line is not UTF-8).
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> ([ListingLine], ListingEncoding, isBroken: Bool, byteOrderMark: Bool) {
        if let (encoding, bom) = ListingEncoding.utf16(bytes) {
            guard let utf8 = ListingEncoding.utf8(fromUTF16: bytes, encoding, skipping: bom) else { return ([], encoding, true, bom > 0) }
            return (utf8.withUnsafeBufferPointer(lines(of:)), encoding, false, bom > 0)
        }
        let lines = lines(of: bytes)
        guard ListingEncoding.isWindows1252(lines) else { return (lines, .utf8, false, false) }
        return (ListingEncoding.utf8(fromWindows1252: bytes).withUnsafeBufferPointer(Self.lines(of:)), .windows1252, false, false)
    }

    /// Lines are cut in place, each trimmed over its bytes, then decoded once. (Decoding each
    /// line, then trimming its scalars into a second copy, was a tenth of an ingest; decoding
    /// the whole file at once took longer still, as a file with one accent in it is checked
    /// byte by byte, where a line of ASCII is checked eight bytes at a time.)
    private static func lines(of bytes: UnsafeBufferPointer<UInt8>) -> [ListingLine] {
        var lines: [ListingLine] = []
        func add(_ start: Int, _ end: Int) {
            let number = lines.count + 1
            if end - start > maxLineBytes {
                lines.append(ListingLine(number: number, text: "\u{FFFD}", isValidUTF8: true, tooLong: end - start))
                return
            }
            // A byte order mark is U+FEFF, trimmed as the other spaces are.
            let (low, high) = trimmed(bytes, start, end)
            let span = UnsafeBufferPointer(rebasing: bytes[low..<high])
            let valid = String(validating: span, as: UTF8.self)
            lines.append(ListingLine(number: number, text: valid ?? String(decoding: span, as: UTF8.self), isValidUTF8: valid != nil))
        }
        var start = 0
        // Most listings end lines with LF alone: then each line's end is found with memchr,
        // many bytes at a time, instead of looking at every byte for two values.
        if bytes.firstIndex(of: 0x0D, in: 0..<bytes.count) == nil {
            while let index = bytes.firstIndex(of: 0x0A, in: start..<bytes.count) {
                add(start, index)
                start = index + 1
            }
        } else {
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    add(start, index)
                    // The LF of a CRLF ends no second line.
                    if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                    start = index + 1
                }
                index += 1
            }
        }
        if start < bytes.count { add(start, bytes.count) }
        return lines
    }

    /// The lines that hold text, in order.
    public var nonBlankLines: [ListingLine] { lines.filter { !$0.text.isEmpty } }

    /// Where the text of bytes `start..<end` is without the spaces at either end: space, tab,
    /// VT, FF, NBSP and U+FEFF (a byte order mark). In UTF-8 those are one byte, NBSP (C2 A0)
    /// or U+FEFF (EF BB BF); C2 and EF only ever lead a scalar, so a space found by its last
    /// bytes is whole, and each decodes to its space even among bytes that are not UTF-8.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        func spaceLength(at i: Int, before limit: Int) -> Int {
            switch bytes[i] {
            case 0x20, 0x09, 0x0B, 0x0C: return 1
            case 0xC2 where i + 1 < limit && bytes[i + 1] == 0xA0: return 2
            case 0xEF where i + 2 < limit && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF: return 3
            default: return 0
            }
        }
        var low = start, high = end
        while low < high, case let n = spaceLength(at: low, before: high), n > 0 { low += n }
        while low < high {
            if spaceLength(at: high - 1, before: high) == 1 { high -= 1 }
            else if high - low >= 2, spaceLength(at: high - 2, before: high) == 2 { high -= 2 }
            else if high - low >= 3, spaceLength(at: high - 3, before: high) == 3 { high -= 3 }
            else { break }
        }
        return (low, high)
    }
}

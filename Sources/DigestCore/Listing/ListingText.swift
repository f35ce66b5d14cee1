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
/// trailing spaces or tabs make no difference to what the parsers see.
public struct ListingText: Sendable {
    /// No title, author list or abstract is a megabyte long; a longer line is a page dump
    /// gone wrong (or an attack), and is not kept in memory or handed to the parsers.
    public static let maxLineBytes = 1 << 20
    /// The path as the user gave it, for messages.
    public let path: String
    /// The file name, which is how records refer to the listing.
    public let name: String
    public let lines: [ListingLine]

    public init(path: String, name: String, bytes: some Collection<UInt8>) {
        self.path = path
        self.name = name
        lines = bytes.withContiguousStorageIfAvailable(Self.lines(of:)) ?? Array(bytes).withUnsafeBufferPointer(Self.lines(of:))
    }

    /// Lines are cut in place, each decoded once from its span of the file's bytes.
    private static func lines(of bytes: UnsafeBufferPointer<UInt8>) -> [ListingLine] {
        var lines: [ListingLine] = []
        func add(_ start: Int, _ end: Int) {
            let number = lines.count + 1
            if end - start > maxLineBytes {
                lines.append(ListingLine(number: number, text: "\u{FFFD}", isValidUTF8: true, tooLong: end - start))
                return
            }
            var span = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if number == 1, span.starts(with: [0xEF, 0xBB, 0xBF]) { span = UnsafeBufferPointer(rebasing: span.dropFirst(3)) }
            let valid = String(validating: span, as: UTF8.self)
            let text = valid ?? String(decoding: span, as: UTF8.self)
            lines.append(ListingLine(number: number, text: trimmed(text), isValidUTF8: valid != nil))
        }
        guard let base = bytes.baseAddress else { return lines }
        var start = 0
        // Most listings end lines with LF alone: then each line's end is found with memchr,
        // many bytes at a time, instead of looking at every byte for two values.
        if memchr(base, 0x0D, bytes.count) == nil {
            while let newline = memchr(base + start, 0x0A, bytes.count - start) {
                let index = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
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

    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\u{00A0}" || s == "\u{FEFF}" || s == "\u{000B}" || s == "\u{000C}"
    }
}

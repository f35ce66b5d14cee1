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
        var lines: [ListingLine] = []
        var current: [UInt8] = []
        var number = 1
        var previousWasCR = false
        var length = 0
        func flush() {
            defer { length = 0 }
            if length > Self.maxLineBytes {
                lines.append(ListingLine(number: number, text: "\u{FFFD}", isValidUTF8: true, tooLong: length))
                current.removeAll(keepingCapacity: false)
                number += 1
                return
            }
            var slice = current[...]
            if number == 1, slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
            let valid = String(validating: slice, as: UTF8.self)
            let text = valid ?? String(decoding: slice, as: UTF8.self)
            lines.append(ListingLine(number: number, text: ListingText.trimmed(text), isValidUTF8: valid != nil))
            current.removeAll(keepingCapacity: true)
            number += 1
        }
        for byte in bytes {
            if byte == 0x0A {
                if previousWasCR { previousWasCR = false; continue }  // the LF of a CRLF
                flush()
            } else if byte == 0x0D {
                flush()
                previousWasCR = true
                continue
            } else {
                length += 1
                if length <= Self.maxLineBytes { current.append(byte) }
            }
            previousWasCR = false
        }
        if !current.isEmpty { flush() }
        self.lines = lines
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

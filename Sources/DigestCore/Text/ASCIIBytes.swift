/// ASCII facts about a byte, for the byte paths that must answer as the Character paths beside
/// them do.
extension UInt8 {
    /// Space, or tab to carriage return: the ASCII characters Unicode counts as white space
    /// (`Character.isWhitespace`).
    var isASCIIWhiteSpace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }

    /// `A`–`Z` as `a`–`z`, as `lowercased()` makes them; any other byte as it is.
    var asciiLowercased: UInt8 { (0x41...0x5A).contains(self) ? self | 0x20 : self }
}

extension String {
    /// Whether the text's UTF-8 holds a byte for which `test` holds, looked for over its stored
    /// bytes: a String's `utf8` view, iterated, reads its storage anew at every step (~25
    /// instructions a byte, against ~2).
    func containsByte(where test: (UInt8) -> Bool) -> Bool {
        var text = self
        return text.withUTF8 { $0.contains(where: test) }
    }

    func containsByte(_ byte: UInt8) -> Bool { containsByte { $0 == byte } }
}

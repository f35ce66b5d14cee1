/// ASCII facts about a byte, for the byte paths that must answer as the Character paths beside
/// them do.
extension UInt8 {
    /// Space, or tab to carriage return: the ASCII characters Unicode counts as white space
    /// (`Character.isWhitespace`).
    var isASCIIWhiteSpace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }

    /// `A`–`Z` as `a`–`z`, as `lowercased()` makes them; any other byte as it is.
    var asciiLowercased: UInt8 { (0x41...0x5A).contains(self) ? self | 0x20 : self }
}

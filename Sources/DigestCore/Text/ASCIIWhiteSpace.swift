extension UInt8 {
    /// Space, or tab to carriage return: the ASCII characters Unicode counts as white space
    /// (`Character.isWhitespace`), for byte paths that must split where the general path does.
    var isASCIIWhiteSpace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }
}

extension Array where Element == UInt8 {
    /// A text's UTF-8 appended from its stored bytes. `+= text.utf8` takes the generic copy
    /// through the view's iterator, ~50 instructions a byte: 7.5% of an ingest's instructions
    /// went to appending the records' bodies so.
    mutating func append<Text: StringProtocol>(utf8Of text: Text) {
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil { self += text.utf8 }
    }
}

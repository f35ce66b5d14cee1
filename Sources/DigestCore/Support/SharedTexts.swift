/// Lists of texts a cache holds many times over — a paper's tags, its listings' names — each
/// made once as the cache is read, then shared, found by their bytes (`TermTable`): an array
/// and Strings (their bytes checked as UTF-8) made for each paper's were 0.11 G instructions
/// more of a title edit at 100k papers, which reads every paper's. (Not a date: 10 bytes, a
/// String stored in place, made anew for less than a look in a table; and in a shard's 1,500
/// papers most dates are unique.)
struct SharedTexts {
    private var table = TermTable()
    private var texts: [String] = []
    private var listTable = TermTable()
    private var lists: [[String]] = []

    /// The text of `bytes` (UTF-8, as `String(decoding:as:)` reads them).
    private mutating func text(_ bytes: UnsafeRawBufferPointer) -> String {
        let id = Int(table.id(bytes.assumingMemoryBound(to: UInt8.self)))
        if id == texts.count { texts.append(String(decoding: bytes, as: UTF8.self)) }
        return texts[id]
    }

    /// A String as `String.read` reads it; nil when it does not read whole.
    private mutating func read(from wire: inout WireReader) -> String? {
        guard let count = UInt64.read(from: &wire), let bytes = wire.take(Int(clamping: count)) else { return nil }
        return text(bytes)
    }

    /// A list of Strings as `Array.read` reads it, shared with every list of the same bytes.
    mutating func readList(from wire: inout WireReader) -> [String]? {
        let start = wire.at
        guard let count = UInt64.read(from: &wire), count <= UInt64(wire.count - wire.at) else { return nil }
        for _ in 0..<count {
            guard let length = UInt64.read(from: &wire), wire.take(Int(clamping: length)) != nil else { return nil }
        }
        let bytes = UnsafeRawBufferPointer(rebasing: wire.bytes.buffer[start..<wire.at])
        let id = Int(listTable.id(bytes.assumingMemoryBound(to: UInt8.self)))
        if id == lists.count {
            var list = WireReader(wire.bytes, at: start + 8)
            lists.append((0..<count).map { _ in read(from: &list)! })
        }
        return lists[id]
    }
}

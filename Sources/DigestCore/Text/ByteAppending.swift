import Foundation

extension Array where Element == UInt8 {
    /// A text's UTF-8 appended from its stored bytes. `+= text.utf8` takes the generic copy
    /// through the view's iterator, ~50 instructions a byte: 7.5% of an ingest's instructions
    /// went to appending the records' bodies so.
    mutating func append<Text: StringProtocol>(utf8Of text: Text) {
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil { self += text.utf8 }
    }
}

extension String {
    /// The text's UTF-8 bytes where the String keeps them (a copy for one that keeps none, a
    /// bridged one): no byte taken through the view's iterator, and no copy of the String to
    /// call `withUTF8` on.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try utf8.withContiguousStorageIfAvailable(body) ?? Array(utf8).withUnsafeBufferPointer(body)
    }
}

extension String {
    /// The texts one after another, made in one piece: `a + b + c` grows the String at each
    /// step (two thirds of writing a record was making its path and its temporary file's).
    init(concatenating parts: Substring...) { self.init(concatenating: parts) }

    init(concatenating parts: [Substring]) {
        self.init(unsafeUninitializedCapacity: parts.reduce(0) { $0 + $1.utf8.count }) { out in
            var count = 0
            for part in parts {
                part.utf8.withContiguousStorageIfAvailable { bytes in
                    guard let base = bytes.baseAddress else { return }
                    (out.baseAddress! + count).initialize(from: base, count: bytes.count)
                    count += bytes.count
                } ?? {
                    for byte in part.utf8 { out[count] = byte; count += 1 }
                }()
            }
            return count
        }
    }
}

extension String {
    /// `prefix`, `name` and `suffix` in one piece, as `"\(prefix)\(name)\(suffix)"` is, with
    /// one allocation and three copies: the 255k page paths of a 100k site, made in every
    /// build, took two appends and a growth each, 2,000 instructions a path, 5% of an edit's.
    init(_ prefix: StaticString, _ name: String, _ suffix: StaticString) {
        var name = name
        self = name.withUTF8 { name in
            String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + name.count + suffix.utf8CodeUnitCount) { out in
                // (Three copies written out: a loop over the three parts made an array of them.)
                let (at, middle, end) = (out.baseAddress!, prefix.utf8CodeUnitCount, prefix.utf8CodeUnitCount + name.count)
                at.initialize(from: prefix.utf8Start, count: middle)
                if let base = name.baseAddress { (at + middle).initialize(from: base, count: name.count) }
                (at + end).initialize(from: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
                return end + suffix.utf8CodeUnitCount
            }
        }
    }
}

extension String {
    /// Whether this is `prefix`, `name` and `suffix` in one piece, as `init(_:_:_:)` makes
    /// it, told from the bytes, with no String made.
    func isJoined(_ prefix: StaticString, _ name: String, _ suffix: StaticString) -> Bool {
        withUTF8Bytes { whole in
            name.withUTF8Bytes { name in
                let (middle, end) = (prefix.utf8CodeUnitCount, prefix.utf8CodeUnitCount + name.count)
                guard whole.count == end + suffix.utf8CodeUnitCount, let at = whole.baseAddress else { return false }
                return memcmp(at, prefix.utf8Start, middle) == 0 && (name.isEmpty || memcmp(at + middle, name.baseAddress!, name.count) == 0)
                    && memcmp(at + end, suffix.utf8Start, suffix.utf8CodeUnitCount) == 0
            }
        }
    }
}

extension String {
    /// Whether this is `prefix`, any bytes, then `suffix` (the two not overlapping), told from
    /// the bytes, as a file in a folder with an ending is (`search/t/…json`). (`hasPrefix` and
    /// `hasSuffix` compare as Unicode does: for each of a 100k site's 81k search files, a cost.)
    func isJoined(_ prefix: StaticString, _ suffix: StaticString) -> Bool {
        withUTF8Bytes { whole in
            let (head, tail) = (prefix.utf8CodeUnitCount, suffix.utf8CodeUnitCount)
            guard whole.count >= head + tail, let at = whole.baseAddress else { return false }
            return memcmp(at, prefix.utf8Start, head) == 0 && memcmp(at + whole.count - tail, suffix.utf8Start, tail) == 0
        }
    }
}

extension String {
    /// A new String written from `text`'s bytes straight into its own storage, which `write`
    /// fills and gives the length of: no longer than `text`. (Appending to an array, then
    /// making a String of it, copied every byte twice.)
    init(rewriting text: String, _ write: (_ bytes: UnsafeBufferPointer<UInt8>, _ out: UnsafeMutableBufferPointer<UInt8>) -> Int) {
        var text = text
        self = text.withUTF8 { bytes in String(unsafeUninitializedCapacity: bytes.count) { write(bytes, $0) } }
    }
}

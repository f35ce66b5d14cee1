/// A paper's abstract as its facts hold it: text, or the bytes of it where the paper cache is
/// mapped, made text when it is asked for. A rebuild takes 100k papers from the cache and
/// shows or counts the abstracts of the few that changed: made text as they were read, the
/// abstracts were a quarter of the paper cache's reading (checking 120 MB of UTF-8 and copying
/// it, on the way to every other step of the build) and a seventh of the build's memory.
struct AbstractText: Sendable {
    private enum Storage {
        case text(String)
        /// UTF-8 written from a String (`PaperCache`), kept alive with the mapping.
        case bytes(WireBytes, Range<Int>)
    }

    private var storage: Storage

    init(_ text: String) { storage = .text(text) }

    private init(_ storage: Storage) { self.storage = storage }

    var text: String {
        switch storage {
        case .text(let text): return text
        case .bytes(let file, let range): return String(decoding: UnsafeRawBufferPointer(rebasing: file.buffer[range]), as: UTF8.self)
        }
    }

    var isEmpty: Bool {
        switch storage {
        case .text(let text): return text.isEmpty
        case .bytes(_, let range): return range.isEmpty
        }
    }

    /// `body` given the UTF-8 bytes, where they are.
    func withUTF8<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
        switch storage {
        case .text(var text): return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        case .bytes(let file, let range): return withExtendedLifetime(file) { body(UnsafeRawBufferPointer(rebasing: file.buffer[range])) }
        }
    }
}

extension AbstractText: Equatable {
    static func == (a: AbstractText, b: AbstractText) -> Bool {
        if case .text(let x) = a.storage, case .text(let y) = b.storage { return x == y }
        return a.text == b.text
    }
}

/// As a String is written (its byte count, then its bytes), and read without being made text.
extension AbstractText: WireValue {
    func write(to wire: inout [UInt8]) {
        withUTF8 { bytes in
            UInt64(bytes.count).write(to: &wire)
            wire.append(contentsOf: bytes)
        }
    }

    static func read(from wire: inout WireReader) -> AbstractText? {
        guard let count = UInt64.read(from: &wire), count <= UInt64(wire.count - wire.at) else { return nil }
        let start = wire.at
        guard wire.take(Int(count)) != nil else { return nil }
        return AbstractText(.bytes(wire.bytes, start..<(start + Int(count))))
    }
}

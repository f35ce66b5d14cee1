import Testing
@testable import DigestCore

@Suite struct ContextHashTests {
    /// A page context as the renderer makes them: lists of dictionaries, nested dictionaries,
    /// strings, numbers and flags.
    static var context: [String: Any] { [
        "title": "Attention Is All You Need",
        "count": 12,
        "has_tags": true,
        "authors": [["url": "../../authors/a/", "name": "A. Vaswani", "last": false],
                    ["url": "../../authors/b/", "name": "N. Shazeer", "last": true]] as [[String: Any]],
        "pagination": ["page": 2, "pages": 3, "not_first": true] as [String: Any],
        "mixed": ["x", 1, ["k": "v"]] as [Any],
    ] }

    /// Hashes reach the build cache: the same context must hash to the same value in every
    /// run (Swift's own `Hasher` is seeded anew in each process). A new digest is in the
    /// build's fingerprint, so its first build renders every page anyway; the value was
    /// taken when contexts came to be hashed eight bytes at a time (`WordHash`).
    @Test func hashOfAContextIsStable() {
        #expect(ContextHash.of(Self.context) == 8_117_982_907_894_282_171)
    }

    /// A list hashes alike whatever its static element type.
    @Test func listsHashAlikeWhateverTheirElementType() {
        let dicts: [[String: Any]] = [["a": 1], ["b": "c"]]
        #expect(ContextHash.of(["l": dicts]) == ContextHash.of(["l": dicts.map { $0 as Any }]))
    }

    /// Pieces are hashed with their lengths: the same bytes cut another way, a byte more or
    /// less (a zero byte included), or one byte changed anywhere, give another value.
    @Test func wordHashTellsPiecesAndBytesApart() {
        func hash(_ pieces: [[UInt8]]) -> UInt64 {
            var hash = WordHash()
            for piece in pieces { piece.withUnsafeBytes { hash.add($0) } }
            return hash.value
        }
        let bytes = (0..<40).map { UInt8($0 * 7 % 251) }
        var seen = Set<UInt64>()
        for cut in 0...bytes.count { #expect(seen.insert(hash([Array(bytes[..<cut]), Array(bytes[cut...])])).inserted, "cut at \(cut)") }
        for length in 0...bytes.count { #expect(seen.insert(hash([Array(bytes[..<length])])).inserted, "\(length) bytes") }
        #expect(seen.insert(hash([bytes + [0]])).inserted)
        for at in bytes.indices {
            var changed = bytes
            changed[at] ^= 0x10
            #expect(seen.insert(hash([changed])).inserted, "byte \(at)")
        }
        #expect(hash([bytes]) == hash([bytes]))
    }
}

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
    /// version, or the first rebuild after an upgrade renders every page again. (The value was
    /// taken from the version before lists were hashed by their own types.)
    @Test func hashOfAContextIsStable() {
        #expect(ContextHash.of(Self.context) == 11_888_311_412_765_261_961)
    }

    /// A list hashes alike whatever its static element type.
    @Test func listsHashAlikeWhateverTheirElementType() {
        let dicts: [[String: Any]] = [["a": 1], ["b": "c"]]
        #expect(ContextHash.of(["l": dicts]) == ContextHash.of(["l": dicts.map { $0 as Any }]))
    }
}

import Testing
@testable import DigestCore

/// The search index's bucket hash, which `search.js` computes too: FNV-1a's published values,
/// and a String's bytes hashed where they are as any other bytes are.
@Suite struct FNV1aTests {
    @Test func publishedValues() {
        #expect(FNV1a.hash("".utf8) == 0x811C_9DC5)
        #expect(FNV1a.hash("a".utf8) == 0xE40C_292C)
        #expect(FNV1a.hash("foobar".utf8) == 0xBF9C_F968)
    }

    @Test func aStringHashesAsItsBytes() throws {
        let words = try Fixtures.sampleRecords().map(\.text).joined(separator: " ").split(separator: " ").prefix(2000).map(String.init)
            + ["é", "a-long-word-with-ü", String(repeating: "x", count: 300)]
        for word in words { #expect(FNV1a.hash(word.utf8) == FNV1a.hash(Array(word.utf8)), "\(word)") }
    }
}

import Testing
@testable import DigestCore

/// A String key's first eight bytes as a number order ASCII keys as their text does, and say
/// nothing for a key with a byte past ASCII anywhere in it.
@Suite struct SortHeadTests {
    @Test func asciiHeadsOrderAsTheirKeys() throws {
        let ids = try Fixtures.sampleRecords().map { String($0.name.dropLast(3)) } + ["a", "ab", "abcdefgh", "abcdefgi", "abcdefghz", "b"]
        #expect(ids.count > 100)
        for (a, b) in zip(ids, ids.shuffled()) {
            let (x, y) = (SortHead(a), SortHead(b))
            #expect(x.tells && y.tells)
            if let ordered = x.orders(y) { #expect(ordered == (a < b), "\(a) \(b)") } else { #expect(a.utf8.prefix(8).elementsEqual(b.utf8.prefix(8))) }
        }
        #expect(SortHead("ab").orders(SortHead("abc")) == true)  // a key before another that it begins
        #expect(SortHead("abcdefgh1").orders(SortHead("abcdefgh2")) == nil)  // the heads tie
    }

    @Test func aByteBeyondASCIIAnywhereTellsNothing() {
        for key in ["é-first", "eighth-é", "a-long-id-with-ü-late", "cafe\u{301}"] {
            #expect(!SortHead(key).tells, "\(key)")
            #expect(SortHead(key).orders(SortHead("zzz")) == nil)
        }
        // A short key, as a literal and as made from its bytes, alike.
        #expect(SortHead("ab").head == SortHead(String(decoding: Array("ab".utf8), as: UTF8.self)).head)
        #expect(SortHead("ab").head == 0x6162 << 48)
    }
}

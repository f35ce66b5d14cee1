import Testing
@testable import DigestCore

/// A word's postings patched from its list in the site: the best of them all when the list
/// tells, and nil (the word made from every paper) when a posting it left out may be among them.
@Suite struct TermListPatchTests {
    /// A list as a term bucket has it, `number,score,…`, of undated papers (numbers are places).
    func list(_ pairs: [(number: Int, score: Int)]) -> ArraySlice<UInt8> {
        ArraySlice(pairs.map { "\($0.number),\($0.score)" }.joined(separator: ",").utf8)
    }

    func patched(_ pairs: [(number: Int, score: Int)], _ changes: [(number: Int, score: UInt32)]) -> [(number: Int, score: Int)]? {
        TermListPatch.patched(list(pairs), changes: changes, dated: 0).map { postings in
            postings.map { (Int($0 & 0xFFFF_FFFF), Int(UInt32.max - UInt32($0 >> 32))) }
        }
    }

    func same(_ a: [(number: Int, score: Int)]?, _ b: [(number: Int, score: Int)]) -> Bool {
        a.map { $0.map(\.number) == b.map(\.number) && $0.map(\.score) == b.map(\.score) } ?? false
    }

    /// A list's bytes are its postings' numbers and scores in decimal, each digit count from
    /// one to ten (a dated paper's number counted back from the dated ones), and read back as
    /// they were written.
    @Test func aListIsItsNumbersInDecimal() {
        let pairs: [(number: Int, score: Int)] = [(0, 0), (9, 9), (10, 10), (99, 99), (100, 100), (12_345, 4_294_967_295), (4_000_000_000, 1_000_000_000)]
        let postings = pairs.map { UInt64(UInt32.max - UInt32($0.score)) << 32 | UInt64($0.number) }
        #expect(SearchIndexBuilder.listBytes(postings, dated: 0)[...] == list(pairs))
        #expect(String(decoding: SearchIndexBuilder.listBytes(postings.prefix(2), dated: 5), as: UTF8.self) == "4,0,9,9")
        #expect(SearchIndexBuilder.listBytes([UInt64](), dated: 0).isEmpty)
        #expect(TermListPatch.numbers(list(pairs)) == pairs.flatMap { [$0.number, $0.score] })
        // Every number to 20,000, and each side of every power of ten a posting can hold.
        var powers = [Int](), power = 10
        while power <= 1_000_000_000 { powers += [power - 1, power, power + 1]; power *= 10 }
        let sweep = (Array(0...20_000) + powers).map { (number: $0, score: 20_000 - min($0, 20_000)) }
        #expect(SearchIndexBuilder.listBytes(sweep.map { UInt64(UInt32.max - UInt32($0.score)) << 32 | UInt64($0.number) }, dated: 0)[...] == list(sweep))
    }

    /// A list of fewer than the most a word keeps is all its postings: any change is told.
    @Test func aShortListIsPatchedWhateverTheScores() {
        let short = [(number: 1, score: 500), (2, 400), (3, 300)]
        #expect(same(patched(short, [(2, 600)]), [(2, 600), (1, 500), (3, 300)]))
        #expect(same(patched(short, [(1, 100)]), [(2, 400), (3, 300), (1, 100)]))
        #expect(same(patched(short, [(3, 400)]), [(1, 500), (2, 400), (3, 400)]))  // a tie: the lower place first
    }

    /// A full list (papers 0–299, scores 1000 down to 701), whose papers past it score below 701.
    var full: [(number: Int, score: Int)] { (0..<SearchLayout.postingsPerTerm).map { ($0, 1000 - $0) } }

    @Test func aFullListTellsWhenTheChangedPapersStayAboveItsLast() {
        var risen = full
        risen.removeAll { $0.number == 5 }
        #expect(same(patched(full, [(5, 2000)]), [(5, 2000)] + risen))
        // A paper the list left out, now above its last, in; the last out.
        #expect(same(patched(full, [(400, 2000)]), [(400, 2000)] + full.dropLast()))
        // One left out and still below: the list as it was.
        #expect(same(patched(full, [(400, 5)]), full))
        // Its last at the same score.
        #expect(same(patched(full, [(SearchLayout.postingsPerTerm - 1, 701)]), full))
    }

    @Test func aFullListCannotTellWhenAPaperInItFallsBelowItsLast() {
        #expect(patched(full, [(5, 10)]) == nil)
        // Unless another comes in above its last in its place.
        var swapped = full
        swapped.removeAll { $0.number == 5 }
        #expect(same(patched(full, [(5, 10), (400, 1500)]), [(400, 1500)] + swapped))
    }

    @Test func aBucketsFileIsReadByItsKeysAsWritten() throws {
        let file = Array(#"{"a\"b":[1,2,3,4],"c":[]}"#.utf8) + [10]
        let entries = try #require(TermListPatch.entries(file))
        #expect(entries.count == 2)
        #expect(entries[Array(Escape.jsonString("a\"b").utf8)].map { Array($0) } == Array("1,2,3,4".utf8))
        #expect(entries[Array(Escape.jsonString("c").utf8)]?.isEmpty == true)
        #expect(TermListPatch.entries(Array("{}\n".utf8))?.isEmpty == true)
        #expect(TermListPatch.entries(Array(#"{"a":[1,2}"#.utf8)) == nil)
        #expect(TermListPatch.entries(Array("<html>".utf8)) == nil)
    }

    @Test func aListOfOtherBytesIsNoList() {
        #expect(TermListPatch.numbers(ArraySlice("1,,2".utf8)) == nil)
        #expect(TermListPatch.numbers(ArraySlice("1,x".utf8)) == nil)
        #expect(TermListPatch.numbers(ArraySlice("".utf8)) == [])
        #expect(TermListPatch.numbers(ArraySlice("1,".utf8)) == nil && TermListPatch.numbers(ArraySlice(",1".utf8)) == nil)
        #expect(TermListPatch.numbers(ArraySlice("1234567890123".utf8)) == nil)  // past 12 digits
        // A list in the middle of a file's bytes (its slice does not start at 0).
        #expect(TermListPatch.numbers(Array("[7,42,0]".utf8)[1..<7]) == [7, 42, 0])
        #expect(TermListPatch.patched(ArraySlice("1,2,3".utf8), changes: [], dated: 0) == nil)  // an odd count
    }

    /// A patched list's bytes, its own postings' copied as they are and the changes written,
    /// are the bytes of its postings written whole — for changes above, among and below its
    /// postings, papers left out of it, and lists full or not, dated or not, inside a file.
    @Test func aPatchedListsBytesAreItsPostingsWritten() {
        var generator = SeededGenerator(seed: 7)
        var patchedCount = 0
        for round in 0..<400 {
            let length = round % 3 == 0 ? SearchLayout.postingsPerTerm : Int.random(in: 0...40, using: &generator)
            let dated = round % 2 == 0 ? 0 : 900
            // Distinct numbers, in the list's order: scores down, of equal scores the lower place first.
            let numbers = Array((0..<1000).shuffled(using: &generator).prefix(length + 20))
            var pairs = numbers.prefix(length).map { (number: $0, score: Int.random(in: 0...30, using: &generator) * 100) }
            pairs.sort { $0.score != $1.score ? $0.score > $1.score : SearchLayout.number($0.number, dated: dated) < SearchLayout.number($1.number, dated: dated) }
            let changes = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                (number: numbers.randomElement(using: &generator)!, score: UInt32(Int.random(in: 0...3100, using: &generator)))
            }
            let changed = Set(changes.map(\.number))
            let unique = changes.filter { change in changes.first { $0.number == change.number }! == change }
            let removed = pairs.map(\.number).filter { !changed.contains($0) && Int.random(in: 0..<10, using: &generator) == 0 }
            let head = Array("{\"w\":[".utf8)
            let file = head + Array(list(pairs)) + Array("]}".utf8)
            let slice = file[head.count..<(file.count - 2)]
            let postings = TermListPatch.patched(slice, changes: unique, removed: removed, dated: dated)
            let bytes = TermListPatch.patchedList(slice, changes: unique, removed: removed, dated: dated)
            #expect(bytes == postings.map { SearchIndexBuilder.listBytes($0, dated: dated) }, "round \(round)")
            if bytes != nil { patchedCount += 1 }
        }
        #expect(patchedCount > 200)  // (most lists tell; a full one whose paper fell does not)
    }

    /// A list not as a build writes one — changed by hand: postings out of order, a number
    /// with a leading zero — is patched as before, its postings sorted with the changes and
    /// written whole, not copied.
    @Test func aListChangedByHandIsWrittenWhole() {
        for text in ["1,300,2,500,3,400", "1,0500,2,400", "01,500,2,400"] {
            let postings = TermListPatch.patched(ArraySlice(text.utf8), changes: [(3, 450)], dated: 0)
            #expect(postings != nil)
            #expect(TermListPatch.patchedList(ArraySlice(text.utf8), changes: [(3, 450)], dated: 0) == postings.map { SearchIndexBuilder.listBytes($0, dated: 0) })
        }
        let sorted = TermListPatch.patchedList(ArraySlice("1,300,2,500,3,400".utf8), changes: [(4, 450)], dated: 0).map { String(decoding: $0, as: UTF8.self) }
        #expect(sorted == "2,500,4,450,3,400,1,300")
    }
}

import Testing
@testable import DigestCore

@Suite struct TextTests {
    @Test func slugs() {
        #expect(Slug.make("François Charton") == "francois-charton")
        #expect(Slug.make("stéphane") == "stephane")
        #expect(Slug.make("Fast & Slow Learning: Incorporating Synthetic Gradients") == "fast-slow-learning-incorporating-synthetic-gradients")
        #expect(Slug.make("Machine Learning Workflow for Alzheimer's Disease") == "machine-learning-workflow-for-alzheimers-disease")
        let long = Slug.make(String(repeating: "word ", count: 40))
        #expect(long.count <= 80 && !long.hasSuffix("-") && long.hasSuffix("word"))
        #expect(Slug.make("../../etc/passwd") == "etc-passwd")
    }

    @Test func entities() {
        #expect(HTMLEntities.decode("Prompt &amp; Predict") == "Prompt & Predict")
        #expect(HTMLEntities.decode("&#8217;&#x2014;&eacute;") == "\u{2019}\u{2014}é")
        #expect(HTMLEntities.decode("AT&T &unknown; a & b") == "AT&T &unknown; a & b")
    }

    @Test func cleaningFoldsSpaceAndComposes() {
        #expect(TextNormalization.clean("  a\t\tb \u{00A0} c ") == "a b c")
        #expect(TextNormalization.clean("Cafe\u{0301}") == "Café")
        #expect(TextNormalization.identityKey("Fast & Slow — LEARNING!") == TextNormalization.identityKey("fast & slow learning"))
    }

    /// ASCII text takes its own path to an identity key; with one accented word added, the
    /// Unicode path gives the same key plus that word, for every title and abstract of the listings.
    @Test(arguments: Fixtures.all)
    func asciiIdentityKeysAgreeWithTheUnicodePath(name: String) {
        for entry in Fixtures.parse(name).entries {
            for text in [entry.title ?? "", entry.abstract] where text.utf8.allSatisfy({ $0 < 0x80 }) {
                let key = TextNormalization.identityKey(text)
                #expect(TextNormalization.identityKey(text + " Écu") == (key.isEmpty ? "ecu" : key + " ecu"), "\(text.prefix(60))")
            }
        }
    }

    @Test func wordsAreCountedUpToALimit() {
        #expect(TextNormalization.wordCount(" a\tb  c ") == 3)
        #expect(TextNormalization.wordCount("a b c d e", upTo: 2) == 2)
        #expect(TextNormalization.wordCount("a b", upTo: 5) == 2)
        #expect(TextNormalization.wordCount("") == 0)
    }

    /// The ASCII shortcuts of the text loops answer as Unicode's tables do, for every ASCII scalar.
    @Test func asciiShortcutsAgreeWithUnicode() {
        for value in UInt32(0)..<128 {
            let scalar = Unicode.Scalar(value)!
            #expect(TextNormalization.isWhitespace(scalar) == scalar.properties.isWhitespace, "\(value)")
            #expect(TextNormalization.isLetterOrNumber(scalar) == (scalar.properties.isAlphabetic || scalar.properties.numericType != nil), "\(value)")
            #expect(SearchTokenizer.isLetter(scalar) == scalar.properties.isAlphabetic, "\(value)")
        }
        // ASCII text takes a path that never meets the transliterator; the same slug either way.
        #expect(Slug.make("Ünïcode and ASCII") == "unicode-and-ascii")
        #expect(Slug.make("Mixed CASE_with-Marks!") == "mixed-case-with-marks")
    }
}

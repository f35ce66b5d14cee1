import Foundation
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

    /// Slugs made over bytes are the slugs made scalar by scalar: for every scalar up to
    /// U+FFFF that is left after transliteration (ASCII text is not transliterated), between
    /// letters and after a gap — `’` among them — and for every title and author of the listings.
    @Test func slugsOverBytesAgreeWithSlugsOverScalars() {
        func byScalars(_ text: String) -> String {
            let ascii = text.utf8.allSatisfy({ $0 < 0x80 }) ? text
                : (text.applyingTransform(.toLatin, reverse: false) ?? text)
                    .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            var slug = ""
            var dash = false
            for scalar in ascii.unicodeScalars {
                switch scalar {
                case "a"..."z", "0"..."9": if dash && !slug.isEmpty { slug.append("-") }; dash = false; slug.unicodeScalars.append(scalar)
                case "A"..."Z": if dash && !slug.isEmpty { slug.append("-") }; dash = false; slug.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
                case "'", "\u{2019}": continue
                default: dash = true
                }
            }
            guard slug.count > 80 else { return slug }
            let prefix = slug.prefix(81)
            if let cut = prefix.lastIndex(of: "-"), prefix.distance(from: prefix.startIndex, to: cut) >= 40 { return String(prefix[..<cut]) }
            return String(slug.prefix(80))
        }
        // The bytes the loop sees: ASCII text as it is, the rest after transliteration.
        var texts: [String] = []
        for value in 0...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let s = String(scalar)
            texts += ["a" + s + "b", "x " + s]
        }
        for entry in Fixtures.all.flatMap({ Fixtures.parse($0).entries }) { texts += [entry.title ?? ""] + entry.authors }
        texts += ["Straße’s Weg", "l’été", "Müller's ß", "ß", "’", "x’", String(repeating: "ab ", count: 60)]
        // Long ones, cut at the last dash that leaves half the length or more, else at the length.
        texts += [String(repeating: "x", count: 100), "a " + String(repeating: "x", count: 90),
                  String(repeating: "x", count: 40) + " " + String(repeating: "y", count: 60),
                  String(repeating: "x", count: 39) + " " + String(repeating: "y", count: 60),
                  String(repeating: "x", count: 80) + " y", String(repeating: "x", count: 81) + " y"]
        var differ = 0
        for text in texts where Slug.make(text) != byScalars(text) {
            differ += 1
            if differ <= 5 { Issue.record("\(text.unicodeScalars.map { String($0.value, radix: 16) }): \(Slug.make(text)) ≠ \(byScalars(text))") }
        }
        #expect(differ == 0)
    }

    /// Texts concatenated in one piece are the texts `+` joins: empty ones, non-ASCII ones,
    /// parts of a longer String, and a small String beside a large one.
    @Test func concatenationInOnePieceIsConcatenation() {
        let long = String(repeating: "Straße/", count: 40)
        let parts: [Substring] = ["", "a", "é", "/", long[long.index(long.startIndex, offsetBy: 3)...], "x.md", "", "😀", "\(getpid())"[...]]
        for count in 0...parts.count {
            let some = Array(parts.prefix(count))
            #expect(String(concatenating: some) == some.reduce("") { $0 + $1 }, "\(some)")
        }
        #expect(String(concatenating: "content/papers", "/", "x", ".md") == "content/papers/x.md")
    }

    /// A path is told to be a prefix, name and suffix joined from its bytes, as joining them
    /// would give it: not when a part differs or is longer.
    @Test func aPathIsToldJoinedAsJoiningMakesIt() {
        for name in ["2401-x", "", "é-😀", "a/b"] { #expect(String("papers/", name, "/index.html").isJoined("papers/", name, "/index.html")) }
        #expect(!"papers/2401-x/index.html".isJoined("papers/", "2401-y", "/index.html"))
        #expect(!"papers/2401-x/index.html".isJoined("authors/", "2401-x", "/index.html"))
        #expect("papers/2401-x/index.html".isJoined("papers/", "2401-", "x/index.html"))  // (the same bytes)
        #expect(!"papers/2401-xx/index.html".isJoined("papers/", "2401-x", "/index.html"))
        #expect(!"papers/2401-x/index.htm".isJoined("papers/", "2401-x", "/index.html"))
    }

    /// A path is told to be in a folder with an ending from its bytes: not when either differs,
    /// or when the two would overlap.
    @Test func aPathIsToldInAFolderWithAnEndingFromItsBytes() {
        #expect("search/t/12.json".isJoined("search/t/", ".json"))
        #expect("search/t/é😀.json".isJoined("search/t/", ".json"))
        #expect("search/t/.json".isJoined("search/t/", ".json"))
        #expect(!"search/p/12.json".isJoined("search/t/", ".json"))
        #expect(!"search/t/12.js".isJoined("search/t/", ".json"))
        #expect(!"ab.json".isJoined("ab.j", ".json"))  // (both there, but overlapping)
        #expect(!"".isJoined("search/t/", ".json"))
    }

    @Test func entities() {
        #expect(HTMLEntities.decode("Prompt &amp; Predict") == "Prompt & Predict")
        #expect(HTMLEntities.decode("&#8217;&#x2014;&eacute;") == "\u{2019}\u{2014}é")
        #expect(HTMLEntities.decode("AT&T &unknown; a & b") == "AT&T &unknown; a & b")
    }

    /// Decoding over bytes gives what decoding scalar by scalar gave (the reference below),
    /// for every line of the listings and for references at their edges: unknown, unfinished,
    /// too long, with a non-ASCII character or a sign inside, at either end, and back to back.
    @Test func entitiesDecodedOverBytesAsOverScalars() {
        func byScalars(_ text: String) -> String {
            let s = Array(text.unicodeScalars)
            func reference(at start: Int) -> (String, Int)? {
                let limit = min(s.count, start + 12)
                var end = start + 1
                while end < limit, s[end] != ";" { end += 1 }
                guard end < limit, s[end] == ";", end > start + 1 else { return nil }
                let body = String(String.UnicodeScalarView(s[(start + 1)..<end]))
                if body.hasPrefix("#") {
                    let digits = body.dropFirst()
                    let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                    guard let v = value, v != 0, let scalar = Unicode.Scalar(v) else { return nil }
                    return (String(Character(scalar)), end - start + 1)
                }
                return HTMLEntities.named[body].map { ($0, end - start + 1) }
            }
            var out = String.UnicodeScalarView()
            var i = 0
            while i < s.count {
                if s[i] == "&", let (decoded, length) = reference(at: i) {
                    out.append(contentsOf: decoded.unicodeScalars)
                    i += length
                } else {
                    out.append(s[i])
                    i += 1
                }
            }
            return String(out)
        }
        let crafted = ["&amp;", "&amp", "a&amp;&lt;b", "&&amp;;", "&;", "&#;", "&#x;", "&#0;", "&#+65;", "&#-65;", "&#xD800;",
                       "&#x10FFFF;", "&#x110000;", "&#1114111;", "&#000000065;", "&#0000000065;", "&#00000000065;", "&éacute;", "&aé;x;",
                       "&verylongname;", "&abcdefghij;", "&abcdefghijk;", "x &eacute", "é&eacute;é", "&Eacute;&eacute;&#233;",
                       "a & b & c", "&\u{301};", "&amp;\u{301}", "&#x1F600;!", "&#X41;&#x41;", "&nbsp;&shy;", ""]
        let lines = Fixtures.all.flatMap { Fixtures.listing($0).lines.map(\.text) }
        for text in crafted + lines {
            #expect(HTMLEntities.decode(text) == byScalars(text), "\(text)")
        }
    }

    @Test func cleaningFoldsSpaceAndComposes() {
        #expect(TextNormalization.clean("  a\t\tb \u{00A0} c ") == "a b c")
        #expect(TextNormalization.clean("Cafe\u{0301}") == "Café")
        // Plain ASCII that holds an entity is still decoded; plain ASCII without one is kept as it is.
        #expect(TextNormalization.clean("AT&amp;T and R&D") == "AT&T and R&D")
        #expect(TextNormalization.clean("Plain text, 100% ASCII.") == "Plain text, 100% ASCII.")
        // Text in NFC already skips Foundation's normalisation; text that is not goes through it.
        #expect(TextNormalization.isNFC("naïve — “quoted” Łukasz"))
        #expect(!TextNormalization.isNFC("Cafe\u{0301}"))
        #expect(TextNormalization.clean("Ω\u{2126}") == "ΩΩ")  // the ohm sign's canonical form is omega
        #expect(TextNormalization.identityKey("Fast & Slow — LEARNING!") == TextNormalization.identityKey("fast & slow learning"))
    }

    /// Folding space over the UTF-8 bytes gives what appending scalar by scalar gave, for every
    /// scalar from U+0000 to U+FFFF and some beyond (one, two, three and four UTF-8 bytes), each
    /// between words, after spaces and at either end.
    @Test func collapsingBytesAgreesWithCollapsingScalars() {
        func byScalars(_ text: String) -> String {
            var out = ""
            var pendingSpace = false
            for scalar in text.unicodeScalars {
                if TextNormalization.isWhitespace(scalar) || scalar == "\u{00A0}" { pendingSpace = !out.isEmpty; continue }
                if TextNormalization.invisible(scalar) { continue }
                if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
                out.unicodeScalars.append(scalar)
            }
            return out
        }
        let scalars = (0...0xFFFF).compactMap(Unicode.Scalar.init) + [0x1F600, 0x10FFFD, 0x1D400].compactMap(Unicode.Scalar.init)
        for scalar in scalars {
            let s = String(scalar)
            for text in ["a" + s + "b", " " + s + " x", s, "x\u{00A0}" + s + "\t", "é" + s + "\u{2003}"] {
                #expect(TextNormalization.collapsed(text) == byScalars(text), "U+\(String(scalar.value, radix: 16))")
            }
        }
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

    /// ASCII text keyed eight bytes at a time (where no gap folds away) gives the key a byte
    /// at a time gives: random texts of letters, digits, spaces and every other ASCII byte, at
    /// every length up to 40 (each chunk boundary, and the bytes after the last), and with a
    /// non-ASCII character at any place (then the key is the Unicode path's).
    @Test func asciiKeysEightBytesAtATimeAsByteByByte() {
        func byteByByte(_ text: String) -> String {
            var key: [UInt8] = []
            for byte in text.utf8 {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                let kept = (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                if kept { key.append(lower) } else if let last = key.last, last != 0x20 { key.append(0x20) }
            }
            if key.last == 0x20 { key.removeLast() }
            return String(decoding: key, as: UTF8.self)
        }
        let pieces = ["a", "Q", "z", "Z", "0", "9", " ", " ", ",", ".", "-", "@", "[", "`", "{", "/", ":", "\t", "\u{7F}", "\u{0}"]
        var generator = SeededGenerator(seed: 8)
        for length in 0...40 {
            for _ in 0..<300 {
                let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
                #expect(TextNormalization.identityKey(text) == byteByByte(text), "\(text.debugDescription)")
                let at = text.index(text.startIndex, offsetBy: Int.random(in: 0...length, using: &generator))
                let mixed = text[..<at] + "É" + text[at...]
                #expect(TextNormalization.identityKey(String(mixed)) == Self.wholeTextKey(String(mixed)), "\(mixed.debugDescription)")
            }
        }
    }

    /// The identity key as Foundation folds the whole text at once: what `identityKey`, which
    /// folds only the words with non-ASCII characters, must agree with.
    static func wholeTextKey(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var words: [String] = []
        var word = ""
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        return (words + (word.isEmpty ? [] : [word])).joined(separator: " ")
    }

    /// Every scalar of the Basic Multilingual Plane, after a letter, after punctuation, at the
    /// start and alone: folding word by word gives the key folding the whole text gives.
    @Test func identityKeysFoldWordByWordAsTheWholeText() {
        var checked = 0
        for value in UInt32(0x80)...0xFFFD {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let s = String(Character(scalar))
            let text = "Ab\(s)c (\(s)x.\(s)Y e\u{301}\(s) \(s)"
            #expect(TextNormalization.identityKey(text) == Self.wholeTextKey(text), "U+\(String(value, radix: 16))")
            checked += 1
        }
        #expect(checked > 60_000)
        for text in ["Ｆｕｌｌ－ｗｉｄｔｈ ＬＬＭｓ", "Ǆemal’s “model”—straße İstanbul ΣΊΣΥΦΟΣ", "naïve café – résumé", "x\u{20DD}y (\u{301}a"] {
            #expect(TextNormalization.identityKey(text) == Self.wholeTextKey(text), "\(text)")
        }
    }

    @Test func wordsAreCountedUpToALimit() {
        #expect(TextNormalization.wordCount(" a\tb  c ") == 3)
        #expect(TextNormalization.wordCount("a b c d e", upTo: 2) == 2)
        #expect(TextNormalization.wordCount("a b", upTo: 5) == 2)
        #expect(TextNormalization.wordCount("") == 0)
    }

    /// The checks that let clean text through untouched, which look at every byte without a
    /// branch, answer as their definitions say: every byte value at the start, in the middle
    /// and at the end of a text, next to a space and alone.
    @Test func plainTextChecksAgreeWithTheirDefinitions() {
        func printable(_ text: String) -> Bool { text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
        func plain(_ text: String, entities: Bool) -> Bool {
            printable(text) && !text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.contains("  ") && (entities || !text.contains("&"))
        }
        let bytes = (0..<256).map { [UInt8($0)] } + [[0xC3, 0xA9], [0xE2, 0x80, 0x94]]  // and é, an em dash
        for byte in bytes {
            let s = String(decoding: byte, as: UTF8.self)
            for text in [s, "a" + s, s + "b", "a" + s + "b", "a " + s + " b", s + " " + s, "x" + s + s + "y", "long enough to run many bytes at once " + s] {
                #expect(TextNormalization.isPrintableASCII(text) == printable(text), "\(byte) in \(text.debugDescription)")
                for entities in [true, false] {
                    #expect(TextNormalization.isPlainASCII(text, entities: entities) == plain(text, entities: entities), "\(byte) in \(text.debugDescription)")
                }
            }
        }
        #expect(TextNormalization.isPlainASCII(""))
    }

    /// An identity key has no space at either end and one between words, however many gaps
    /// there were and wherever they were.
    @Test func identityKeysHaveSingleSpacesBetweenWordsOnly() {
        #expect(TextNormalization.identityKey("  --Hello,   World!! ") == "hello world")
        #expect(TextNormalization.identityKey("A-B_c  9") == "a b c 9")
        #expect(TextNormalization.identityKey("x") == "x")
        #expect(TextNormalization.identityKey(" ... ") == "")
        #expect(TextNormalization.identityKey("") == "")
        #expect(TextNormalization.identityKey("Café, Zoë!") == "cafe zoe")
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

    /// `containsByte` answers as the `utf8` view does, for empty, small (inline), large and
    /// non-ASCII texts, and Substring-made ones, for every byte value.
    @Test func bytesAreFoundAsTheUTF8ViewFindsThem() {
        let texts = ["", "a", "a.b", "name", String(repeating: "x", count: 40) + "&", "é & ü", "tab\there", "\u{1}", "—",
                     String("  padded  ".dropFirst(2))]
        for text in texts {
            for byte in UInt8.min...UInt8.max {
                #expect(text.containsByte(byte) == text.utf8.contains(byte), "\(text.debugDescription) \(byte)")
            }
            #expect(text.containsByte { $0 >= 0x80 } == text.utf8.contains { $0 >= 0x80 })
        }
    }
}

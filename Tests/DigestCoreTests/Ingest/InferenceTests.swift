import Testing
@testable import DigestCore

@Suite struct InferenceTests {
    @Test func yearOfYearlessDatesIsNewestShownPlusOne() throws {
        let entries = Fixtures.parse(Fixtures.dailyPapersWithMeta).entries
        let year = try #require(ListingYear.resolve(entries: entries, setting: nil, today: Fixtures.today))
        #expect(year.year == 2025)
        #expect(year.explanation.contains("2024"))
    }

    @Test func inferredYearIsNeverAfterToday() throws {
        let entries = Fixtures.parse(Fixtures.dailyPapersWithMeta).entries
        let year = try #require(ListingYear.resolve(entries: entries, setting: nil, today: CalendarDay(year: 2024, month: 12, day: 31)))
        #expect(year.year == 2024)
    }

    @Test func listingsWithoutYearlessDatesNeedNoYear() {
        #expect(ListingYear.resolve(entries: Fixtures.parse(Fixtures.posterSession).entries, setting: nil, today: Fixtures.today) == nil)
    }

    @Test func inferredTitleIsShortWholeWords() {
        let abstract = Fixtures.parse(Fixtures.abstractList).entries[3].abstract
        let title = TitleInference.title(fromAbstract: abstract)
        #expect(title == "Generalized additive models (GAM) have been successfully applied to high dimensional data…")
        #expect(abstract.hasPrefix(String(title.dropLast())))
        #expect(TitleInference.title(fromAbstract: "Short and sweet.") == "Short and sweet")
        // Never ends on a dangling "of the".
        let dangling = TitleInference.title(fromAbstract: "We study the effect of the size of the model on the ability of the model to learn many things well.")
        #expect(!dangling.hasSuffix("the…") && !dangling.hasSuffix("of…"))
    }

    /// Printable ASCII is cut into its first sentence by bytes; that is the sentence the
    /// character path cuts, for every abstract and title of the listings and for the cases
    /// that do not end a sentence (abbreviations, an ellipsis, no space after the stop).
    @Test func firstSentenceOfASCIIByBytesIsTheSame() {
        let listed = Fixtures.all.flatMap { Fixtures.parse($0).entries.flatMap { [$0.abstract, $0.title ?? ""] } }
        let crafted = ["We use e.g. this. Then that.", "As shown by Smith et al. Results follow. More.", "A vs. B is hard. Yes.",
                       "Wait... What? Yes! No.", "i.e. nothing. Something.", "Ends with a stop.", "No stop at all", "", ".", "a. ",
                       "Dots.in.words. And a sentence.", "Is it?No space. Then!", "x.. Y."]
        var checked = 0
        for text in listed + crafted where text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var bytes = text
            let byBytes = bytes.withUTF8 { String(decoding: $0[..<TitleInference.firstSentenceEnd(ofBytes: $0)], as: UTF8.self) }
            #expect(byBytes == TitleInference.firstSentence(of: text), "\(text)")
            checked += 1
        }
        #expect(checked > 400)
    }

    /// A title's words are taken from the bytes of printable ASCII, only as many as kept: the
    /// same words, and the same "more follow", as splitting the whole first sentence.
    @Test func openingWordsOfASCIIByBytesAreTheSame() {
        let listed = Fixtures.all.flatMap { Fixtures.parse($0).entries.map(\.abstract) }
        let twelve = (1...12).map { "w\($0)" }.joined(separator: " ")
        let crafted = [twelve, twelve + ".", twelve + " w13", twelve + " ", " " + twelve + "  ", twelve + "  w13. More.",
                       "Two  spaces   here. And.", " Leading space. x", "", " ", ".", "One.", "a b c d e f g h i j k l m n o p"]
        var checked = 0, cut = 0
        for text in listed + crafted where text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var text = text
            let bytes = text.withUTF8 { bytes in
                let (ranges, more) = TitleInference.openingWords(ofBytes: bytes)
                return (words: ranges.map { String(decoding: bytes[$0], as: UTF8.self) }, more: more)
            }
            let split = TitleInference.openingWords(of: TitleInference.firstSentence(of: text))
            #expect(bytes.words == split.words && bytes.more == split.more, "\(text)")
            checked += 1
            if split.more { cut += 1 }
        }
        #expect(checked > 200 && cut > 50)
    }

    /// Titles inferred over bytes are the titles inferred over characters: for every abstract
    /// of the listings, and for each with words put in that the rules turn on — a clause word
    /// (any case), a weak ending, a comma, a bracket — and characters beside its spaces and
    /// stops: accented letters and dashes (bytes still), and a combining mark, a joiner or a
    /// prepended sign that clings to one (characters then).
    @Test func titlesByBytesAsByCharacters() {
        let abstracts = Fixtures.all.flatMap { Fixtures.parse($0).entries.map(\.abstract) }.filter { !$0.isEmpty }
        let inserts = ["because", "WHICH", "While,", "the", "of the", "(see", "and,", "é", "Über", "—", "“quoted”", "x.y", "e.g.", "i.e.",
                       "\u{301}", "\u{200D}", "\u{600}", "\u{0903}", "a\u{301}.", "\u{212A}elvin", "ﬁnal", "ΣΊΣΥΦΟΣ,"]
        var generator = SeededGenerator(seed: 11)
        var texts = abstracts
        for abstract in abstracts {
            var words = abstract.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<3 {
                let at = Int.random(in: 0...min(words.count, 16), using: &generator)
                let insert = inserts.randomElement(using: &generator)!
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: words.insert(insert, at: at)                        // a word of its own
                case 1 where at < words.count: words[at] += insert          // after a word, before its space
                default: if at < words.count { words[at] = insert + words[at] } else { words.append(insert) }
                }
                texts.append(words.joined(separator: " "))
            }
        }
        var byBytes = 0
        for text in texts {
            #expect(TitleInference.title(fromAbstract: text) == TitleInference.titleByCharacters(text), "\(text.prefix(120))")
            var bytes = text
            if bytes.withUTF8(TitleInference.punctuationStandsAlone) { byBytes += 1 }
        }
        // Both paths are taken: most texts by bytes, the ones with a clinging mark by characters.
        #expect(byBytes > texts.count * 3 / 4 && texts.count - byBytes > 20, "\(byBytes) of \(texts.count) by bytes")
    }

    /// A title cut before an unclosed bracket, over bytes in ASCII: as walking its characters cuts
    /// it, for the titles the listings' abstracts give (cut at each word) and crafted brackets.
    @Test func unclosedBracketsCutByBytesAsByCharacters() {
        let abstracts = Fixtures.all.flatMap { Fixtures.parse($0).entries.map(\.abstract) }
        var titles: [String] = []
        for abstract in abstracts {
            let words = abstract.split(separator: " ")
            titles += (0..<min(words.count, 14)).map { words.prefix($0 + 1).joined(separator: " ") }
        }
        titles += ["(a", "a (b", "a (b) c (d", "a (b (c) d", "a) (b", "((a)", "a (", "a ()", "x  (y", "(", "é (b", "a (é", "a (\u{301}b", ""]
        var cut = 0
        for title in titles {
            #expect(TitleInference.balanced(title) == TitleInference.balancedByCharacters(title), "\(title)")
            if TitleInference.balanced(title) != title { cut += 1 }
        }
        #expect(cut > 20, "titles cut: \(cut)")
    }

    /// A word's letters and digits, told by bytes in ASCII: as Unicode's properties tell them.
    @Test func trimmedASCIIWordKeepsWhatUnicodeCallsLettersAndDigits() {
        let every = String(decoding: (0x20..<0x7F).map { UInt8($0) }, as: UTF8.self)
        let byProperties = String(every.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
        #expect(TitleInference.trimmed(every) == byProperties)
        #expect(byProperties.count == 62)
        #expect(TitleInference.trimmed("(the),") == "the")
        #expect(TitleInference.trimmed("Über-") == "Über")
    }
}

import Testing
@testable import DigestCore

@Suite struct DailyPapersParserTests {
    let page = Fixtures.parse(Fixtures.dailyPapersWithMeta)

    @Test func chromeIsSkippedAndThePageDateKept() {
        #expect(page.entries.first?.title == "On the Design and Analysis of LLM-Based Algorithms")
        #expect(page.header.date == ListingDate(year: nil, month: 12, day: 11))
        #expect(page.entries.count == 57)
    }

    @Test func authorCountAndFullDate() throws {
        let entry = try #require(page.entries.first)
        #expect(entry.authorCount == 4)
        #expect(entry.authors.isEmpty)
        #expect(entry.date == ListingDate(year: 2024, month: 7, day: 20))
        #expect(entry.upvotes == nil)
    }

    @Test func yearlessDateWithUpvotes() throws {
        let entry = try #require(Fixtures.entry(page, titled: "Group-Relative REINFORCE"))
        #expect(entry.date == ListingDate(year: nil, month: 9, day: 28))
        #expect(entry.upvotes == 2)
    }

    @Test func dateWithYearAndUpvotes() throws {
        let entry = try #require(Fixtures.entry(page, titled: "VPTQ"))
        #expect(entry.date == ListingDate(year: 2024, month: 9, day: 25))
        #expect(entry.upvotes == 4)
    }

    @Test func organisationLineInsteadOfAuthorCount() throws {
        let entry = try #require(Fixtures.entry(page, titled: "DRIVE: Data Curation"))
        #expect(entry.organization == "Tencent")
        #expect(entry.authorCount == nil)
        #expect(entry.date == ListingDate(year: nil, month: 11, day: 9))
        #expect(entry.upvotes == 5)
    }

    @Test func paperWithoutMetaDoesNotSwallowTheNext() throws {
        let entry = try #require(Fixtures.entry(page, titled: "Barbarians at the Gate"))
        #expect(entry.date == nil && entry.authorCount == nil)
        #expect(entry.abstract.hasPrefix("Artificial Intelligence (AI) is starting"))
        let next = try #require(Fixtures.entry(page, titled: "Pairwise Proximal Policy Optimization"))
        #expect(next.authorCount == 6)
    }

    @Test func pageWithoutMetaReadsTitleAbstractPairs() {
        let parsed = Fixtures.parse(Fixtures.dailyPapers)
        #expect(parsed.entries.count == 145)
        #expect(parsed.entries.allSatisfy { !$0.abstract.isEmpty && $0.title != nil })
        #expect(parsed.entries.contains { $0.title == "Recommendation as Language Processing (RLP): A Unified Pretrain, Personalized Prompt &amp; Predict Paradigm (P5)" })
    }

    @Test func dateLines() {
        #expect(LineShape.dateLine("Jul 20, 2024")?.date == ListingDate(year: 2024, month: 7, day: 20))
        #expect(LineShape.dateLine("Sep 25, 2024 4")?.upvotes == 4)
        #expect(LineShape.dateLine("Sep 28 2")?.upvotes == 2)
        #expect(LineShape.dateLine("Sep 28 2")?.date.year == nil)
        #expect(LineShape.dateLine("Feb 30, 2024") == nil)
        #expect(LineShape.dateLine("May the force") == nil)
    }

    /// Meta lines told first by length and first byte are the lines the full comparisons tell:
    /// every line of the listings, and separators, bullets and their look-alikes (U+0387 is `·`
    /// as a String; a bullet with a mark on it is not a bullet).
    @Test func metaLinesToldByBytesAsByStrings() {
        func byStrings(_ text: String) -> String {
            if text == "·" || text == "•" { return "separator" }
            if text.hasPrefix("•") {
                let words = text.dropFirst().split(separator: " ")
                if words.count == 2, let n = Int(words[0]), words[1] == "authors" || words[1] == "author" { return "authors \(n)" }
            }
            return LineShape.dateLine(text).map { "date \($0.date) \(String(describing: $0.upvotes))" } ?? "none"
        }
        func told(_ text: String) -> String {
            switch DailyPapersParser.meta(text) {
            case .separator?: return "separator"
            case .authorCount(let n)?: return "authors \(n)"
            case .date(let date, let upvotes)?: return "date \(date) \(String(describing: upvotes))"
            case nil: return "none"
            }
        }
        let crafted = ["·", "\u{0387}", "•", "• ", "•\u{301}", "• 3 authors", "•\u{301} 3 authors", "• 1 author", "•3 authors", "‣ 3 authors",
                       "· ", "x", "", "•• 3 authors", "Sep 28", "\u{2022}\u{FE0F}"]
        var kinds = Set<String>()
        for text in Fixtures.all.flatMap({ Fixtures.listing($0).lines.map(\.text) }) + crafted {
            #expect(told(text) == byStrings(text), "\(text.debugDescription)")
            kinds.insert(String(told(text).prefix(4)))
        }
        #expect(kinds == ["sepa", "auth", "date", "none"])
    }

    /// Date lines read over bytes as they were read over the line's words: for every line of
    /// the listings, and for lines made of months (any case, a stop), days with and without a
    /// comma, years, counts, signs, doubled spaces and words with other characters in them.
    @Test func dateLinesOverBytesAsOverWords() {
        func byWords(_ text: String) -> (date: ListingDate, upvotes: Int?)? {
            guard text.utf8.count <= 28, let first = text.utf8.first, first >= 0x41, first <= 0x5A else { return nil }
            let parts = text.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, parts.count <= 4 else { return nil }
            guard let month = LineShape.months[parts[0].lowercased().trimmingSuffix(".")] else { return nil }
            let dayHasComma = parts[1].hasSuffix(",")
            guard let day = Int(dayHasComma ? parts[1].dropLast() : parts[1]), (1...31).contains(day) else { return nil }
            var year: Int?, upvotes: Int?
            var rest = parts.dropFirst(2)
            if let next = rest.first, let value = Int(next), next.count == 4, dayHasComma || (1900...2100).contains(value) {
                year = value
                rest = rest.dropFirst()
            } else if dayHasComma {
                return nil
            }
            if let next = rest.first {
                guard let value = Int(next), value >= 0, rest.count == 1 else { return nil }
                upvotes = value
            }
            guard LineShape.isValid(year: year ?? 2000, month: month, day: day) else { return nil }
            return (ListingDate(year: year, month: month, day: day), upvotes)
        }
        let pieces = ["Sep", "SEP.", "September", "Feb", "May", "Mai", "Kelvin", "28", "28,", "29,", "31", "0", "+5", "-3", ",", "2024", "1899",
                      "2101", "99999", "4", "-1", "1e3", "é", "2\u{301}", "Ｓep", " ", "  ", "\u{A0}"]
        var generator = SeededGenerator(seed: 12)
        var lines = Fixtures.all.flatMap { Fixtures.listing($0).lines.map(\.text) }
        for _ in 0..<20_000 {
            let month = pieces[..<7].randomElement(using: &generator)!
            lines.append(([month] + (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }).joined(separator: " "))
        }
        var dates = 0
        for line in lines {
            let (bytes, words) = (LineShape.dateLine(line), byWords(line))
            #expect(bytes?.date == words?.date && bytes?.upvotes == words?.upvotes, "\(line.debugDescription)")
            if bytes != nil { dates += 1 }
        }
        #expect(dates > 400)
    }
}

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
}

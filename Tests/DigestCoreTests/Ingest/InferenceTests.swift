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
}

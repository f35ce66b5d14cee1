import Testing
@testable import DigestCore

@Suite struct FormatDetectionTests {
    @Test(arguments: [
        (Fixtures.abstractList, ListingFormat.abstractList),
        (Fixtures.dailyPapers, .dailyPapers),
        (Fixtures.posterSession, .posterSession),
        (Fixtures.abstractListNoHeader, .abstractList),
        (Fixtures.dailyPapersWithMeta, .dailyPapers),
    ])
    func realListingsAreRecognised(name: String, format: ListingFormat) {
        #expect(FormatDetector.detect(Fixtures.listing(name)) == format)
    }

    @Test func proseAndCodeAreNoListing() {
        let junk = ListingText(path: "junk.txt", name: "junk.txt", bytes: Array("""
        // swift-tools-version:6.0
        import PackageDescription
        let package = Package(name: "x")
        """.utf8))
        #expect(FormatDetector.detect(junk) == nil)
        #expect(FormatDetector.detect(ListingText(path: "e", name: "e", bytes: [])) == nil)
    }
}

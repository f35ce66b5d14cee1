import Testing
@testable import DigestCore

@Suite struct AbstractListParserTests {
    @Test func headerLineIsTheAffiliation() {
        let parsed = Fixtures.parse(Fixtures.abstractList)
        #expect(parsed.header.affiliation == "Renmin University of China")
        #expect(parsed.entries.count == 10)
        #expect(parsed.entries.allSatisfy { $0.title == nil && !$0.abstract.isEmpty })
        #expect(parsed.entries[0].firstLine == 2)
    }

    @Test func listWithoutHeaderHasNoAffiliation() {
        let parsed = Fixtures.parse(Fixtures.abstractListNoHeader)
        #expect(parsed.header.affiliation == nil)
        #expect(parsed.entries.count == 10)
        #expect(parsed.entries[0].abstract.hasPrefix("In the task of dense video captioning"))
    }

    @Test func latexIsKeptVerbatim() {
        let parsed = Fixtures.parse(Fixtures.abstractList)
        #expect(parsed.entries.contains { $0.abstract.contains("$\\ell_{2,1}$-norm regularizer") })
        #expect(parsed.entries.contains { $0.abstract.contains("\\underline{V}id\\underline{E}o") })
    }

    @Test func wrappedLineJoinsTheAbstractAbove() {
        let text = ListingText(path: "w", name: "w", bytes: Array("Lab\nAbstract:First part of the abstract\ncontinues here.\nAbstract:Second.\n".utf8))
        let parsed = AbstractListParser().parse(text)
        #expect(parsed.entries.map(\.abstract) == ["First part of the abstract continues here.", "Second."])
        #expect(parsed.entries[0].lastLine == 3)
    }
}

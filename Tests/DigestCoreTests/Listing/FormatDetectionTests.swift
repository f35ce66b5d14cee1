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

    /// Detection skips a format that cannot beat the best score so far: it picks what scoring
    /// every format picks (the highest score of at least 0.5, the first in `allCases` of equal
    /// scores), and no scorer gives more than its `highestScore`. Over the listings, their
    /// halves and tails, pairs of them joined, and a few lines alone.
    @Test func detectionPicksWhatScoringEveryFormatPicks() {
        func everyFormatScored(_ text: ListingText) -> ListingFormat? {
            var best: (ListingFormat, Double)?
            for format in ListingFormat.allCases {
                let score = format.parser.score(text)
                #expect(score <= format.parser.highestScore, "\(format) \(text.name)")
                if score >= FormatDetector.threshold, score > (best?.1 ?? 0) { best = (format, score) }
            }
            return best?.0
        }
        let texts = Fixtures.all.map { Fixtures.listing($0).lines.map(\.text) }
        var samples: [[String]] = []
        for lines in texts {
            samples += [lines, Array(lines.prefix(lines.count / 2)), Array(lines.suffix(lines.count / 3)), Array(lines.prefix(4))]
            for other in texts { samples.append(Array(lines.prefix(lines.count / 2)) + Array(other.suffix(other.count / 2))) }
        }
        var found: Set<ListingFormat?> = []
        for (n, lines) in samples.enumerated() {
            let text = ListingText(path: "\(n).txt", name: "\(n).txt", bytes: Array(lines.joined(separator: "\n").utf8))
            let expected = everyFormatScored(text)
            #expect(FormatDetector.detect(text) == expected, "sample \(n)")
            found.insert(expected)
        }
        #expect(found.count == 4, "each format and no listing among the samples: \(found)")
    }

    /// Author lines that are ASCII but for their `·` are split by bytes; the names are those a
    /// split by characters gives, for every line of the listings and for edge cases (spaces,
    /// entities, tabs, empty names, `·` without spaces, a `·` that is not ASCII's neighbour).
    @Test func authorsSplitByBytesAsByCharacters() {
        func byCharacters(_ text: String) -> [String] {
            text.split(separator: "·").map { TextNormalization.clean(String($0)) }.filter { !$0.isEmpty }
        }
        let lines = Fixtures.all.flatMap { Fixtures.listing($0).lines.map(\.text) }
        let crafted = ["A · B", " A  ·  B ", "A·B", "· A ·· B ·", "A &amp; B · C\tD", "&nbsp;A · B&#32;", "·", "", "   ",
                       "Zoë · B", "A · ·\u{301} B", "A\u{0} · B"]
        for text in lines + crafted {
            #expect(LineShape.authors(in: text) == byCharacters(text), "\(text)")
        }
    }

    /// The line shapes detection asks of every line, at their edges: a name of up to 80 bytes
    /// (the search gives up on a line past that without a separator), an `Abstract:` head in
    /// any case, with a space before the colon, and nothing else.
    @Test func lineShapesAtTheirEdges() {
        let name80 = String(repeating: "x", count: 80)
        #expect(LineShape.isAuthorList("Ada Lovelace · Alan Turing"))
        #expect(LineShape.isAuthorList(name80 + " · B"))
        #expect(LineShape.isAuthorList("B · " + name80))
        #expect(!LineShape.isAuthorList(name80 + "x · B"))
        #expect(!LineShape.isAuthorList("B · " + name80 + "x"))
        #expect(!LineShape.isAuthorList(String(repeating: "word ", count: 300)))
        #expect(AbstractListParser.abstractText("ABSTRACT: x") == " x")
        #expect(AbstractListParser.abstractText("Abstract :x") == "x")
        #expect(AbstractListParser.abstractText("abstract:") == "")
        #expect(AbstractListParser.abstractText("xAbstract: y") == nil)
        #expect(AbstractListParser.abstractText("Ábstract: y") == nil)
        #expect(AbstractListParser.abstractText("Abstracts: y") == nil)
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

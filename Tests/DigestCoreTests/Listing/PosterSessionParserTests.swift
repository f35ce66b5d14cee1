import Testing
@testable import DigestCore

@Suite struct PosterSessionParserTests {
    let session = Fixtures.parse(Fixtures.posterSession)

    @Test func headerGivesSessionAndRoom() {
        #expect(session.header.presentation == "Poster")
        #expect(session.header.session == "Poster Session 6")
        #expect(session.header.room == "Halle B")
        #expect(session.header.venue == nil)
        #expect(session.entries.first?.title == "Real3D-Portrait: One-shot Realistic 3D Talking Portrait Synthesis")
    }

    @Test func everyPaperIsRead() {
        // 280 ` · ` author lines, one single author, four abstracts that lost their title.
        #expect(session.entries.count == 285)
        #expect(session.entries.filter { $0.title == nil }.map(\.firstLine) == [186, 414, 418, 666])
        #expect(session.diagnostics.filter { $0.severity == .warning }.map(\.line) == [186, 414, 418, 666])
    }

    @Test func singleAuthorWithoutSeparator() throws {
        let entry = try #require(Fixtures.entry(session, titled: "Learning the greatest common divisor"))
        #expect(entry.authors == ["François Charton"])
        #expect(entry.abstract.hasPrefix("The predictions of small transformers"))
    }

    @Test func missingAbstractStaysEmpty() throws {
        let entry = try #require(Fixtures.entry(session, titled: "Pathologies of Predictive Diversity"))
        #expect(entry.abstract == "")
        #expect(entry.authors.count == 4)
        let next = try #require(Fixtures.entry(session, titled: "MuSc: Zero-Shot Industrial Anomaly"))
        #expect(next.authors.first == "Xurui Li")
        let other = try #require(Fixtures.entry(session, titled: "On the Sample Complexity of Lipschitz"))
        #expect(other.abstract == "")
    }

    @Test func wrappedAbstractIsRejoined() throws {
        let entry = try #require(Fixtures.entry(session, titled: "HyperAttention"))
        #expect(entry.abstract.hasPrefix("We present an approximate attention mechanism named HyperAttention to address the computational challenges"))
        #expect(entry.firstLine == 467 && entry.lastLine == 470)
    }

    @Test func titleEndingLikeASentenceIsATitleAboveAuthors() throws {
        // Nine words and a `!`: shaped like a sentence, but the ` · ` line below makes it a title.
        let text = "Poster\nTowards a statistical theory of data selection under weak supervision\n"
            + "Germain Kolossov · Andrea Montanari · Pulkit Tandon\nGiven a sample of size $N$, it is often useful to select a subsample.\n"
            + "Causal Discovery From Trajectories in Your Email Inbox Is Easy!\nJonathan Groth · See-Kiong Cooley\n"
            + "We find causal structure in the order in which people answer their mail.\n"
        let parsed = PosterSessionParser().parse(ListingText(path: "p.txt", name: "p.txt", bytes: Array(text.utf8)))
        #expect(parsed.entries.map(\.title) == ["Towards a statistical theory of data selection under weak supervision",
                                                "Causal Discovery From Trajectories in Your Email Inbox Is Easy!"])
        #expect(parsed.entries.last?.authors == ["Jonathan Groth", "See-Kiong Cooley"])
        #expect(parsed.diagnostics.isEmpty)
    }

    @Test func latexAndShortAbstractKept() throws {
        #expect(session.entries.contains { $0.abstract.hasPrefix("Given a sample of size $N$") })
    }
}

import Foundation
import Testing
@testable import DigestCore

@Suite struct IngestTests {
    @Test func sampleListingsGiveOneRecordPerPaper() throws {
        let site = try Fixtures.site()
        let report = Fixtures.ingest(site)
        #expect(!report.hasErrors)
        #expect(report.listings.map(\.entries) == [10, 145, 285, 10, 57])
        #expect(report.distinctPapers == 505)
        #expect(Fixtures.snapshot(site).count == 505)
        #expect(report.merged.map(\.title) == [
            "Hardness of Independent Learning and Sparse Equilibrium Computation in Markov Games",
            "Learning Mean Field Games on Sparse Graphs: A Hybrid Graphex Approach",
        ])
    }

    @Test func crossListedPaperMergesFactsAndKeepsBothSources() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        let graphex = try Fixtures.record(site, "learning-mean-field-games-on-sparse-graphs-a-hybrid-graphex-approach")
        #expect(graphex.strings("authors") == ["Christian Fabian", "Kai Cui", "Heinz Koeppl"])
        #expect(graphex.string("venue") == "ICLR 2024")
        #expect(graphex.body.hasPrefix("Learning the behavior of large agent populations"))  // only 001 has the abstract
        #expect(RecordFields.sourceRefs(in: graphex).map(\.listing) == [Fixtures.dailyPapers, Fixtures.posterSession])

        let hardness = try Fixtures.record(site, "hardness-of-independent-learning-and-sparse-equilibrium-computation-in-markov")
        #expect(hardness.int("author_count") == 3)
        #expect(hardness.string("date") == "2023-03-21")
        #expect(RecordFields.sourceRefs(in: hardness) == [
            SourceRef(listing: Fixtures.dailyPapers, line: 383), SourceRef(listing: Fixtures.dailyPapersWithMeta, line: 317),
        ])
    }

    @Test func recordsCarryTheNormalisedFacts() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        let p5 = try Fixtures.record(site, "recommendation-as-language-processing-rlp-a-unified-pretrain-personalized-prompt")
        #expect(p5.string("title") == "Recommendation as Language Processing (RLP): A Unified Pretrain, Personalized Prompt & Predict Paradigm (P5)")

        let grpo = try Fixtures.record(site, "group-relative-reinforce-is-secretly-an-off-policy-algorithm-demystifying-some")
        #expect(grpo.string("date") == "2025-09-28")  // yearless: the page's year, 2024 + 1
        #expect(grpo.int("upvotes") == 2)
        #expect(grpo.int("author_count") == 8)

        let drive = try Fixtures.record(site, "drive-data-curation-best-practices-for-reinforcement-learning-with-verifiable")
        #expect(drive.string("organization") == "Tencent")

        let charton = try Fixtures.record(site, "learning-the-greatest-common-divisor-explaining-transformer-predictions")
        #expect(charton.strings("authors") == ["François Charton"])
        #expect(charton.string("session") == "Poster Session 6")
        #expect(charton.string("room") == "Halle B")

        let pathologies = try Fixtures.record(site, "pathologies-of-predictive-diversity-in-deep-ensembles")
        #expect(pathologies.body == "")

        let gam = try #require(Fixtures.snapshot(site).keys.first { $0.hasPrefix("generalized-additive-models") })
        let gamRecord = try Fixtures.record(site, String(gam.dropLast(3)))
        #expect(gamRecord.bool("title_inferred"))
        #expect(gamRecord.string("affiliation") == "Renmin University of China")
        #expect(gamRecord.body.contains("$\\ell_{2,1}$-norm regularizer"))
        #expect(gamRecord.string("title")?.hasPrefix("Generalized additive models (GAM) have been") == true)
    }

    @Test func idsAreAsciiSlugsAndUnique() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        let ids = Fixtures.snapshot(site).keys.map { String($0.dropLast(3)) }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D } })
    }

    @Test func reingestChangesNoByte() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        let before = Fixtures.snapshot(site)
        let again = Fixtures.ingest(site)
        #expect(again.written == 0)
        #expect(again.listings.allSatisfy { $0.added == 0 && $0.updated == 0 })
        #expect(Fixtures.snapshot(site) == before)
    }

    @Test func shortAbstractWithoutTitleIsNotAddedAgain() throws {
        // The poster page loses a paper's title and authors, and its abstract is one short
        // sentence: too short to identify it across listings. Re-ingest must still find it.
        let site = try Fixtures.site(listings: [Fixtures.posterSession]) { bytes in
            var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
            lines[293] = "Given a sample of size $N$, it is often useful to select a smaller subsample."
            lines.removeSubrange(291...292)
            return Array(lines.joined(separator: "\n").utf8)
        }
        let first = Fixtures.ingest(site)
        #expect(first.allDiagnostics.contains { $0.line == 292 && $0.message.contains("no title or authors") })
        let before = Fixtures.snapshot(site)
        let again = Fixtures.ingest(site)
        #expect(again.written == 0)
        #expect(again.listings.allSatisfy { $0.added == 0 && $0.updated == 0 })
        #expect(Fixtures.snapshot(site) == before)
    }

    /// Merging keeps the longest abstract in characters (not bytes), the earliest of equals.
    @Test func mergeKeepsTheLongestAbstract() {
        func facts(_ abstract: String, line: Int) -> PaperFacts {
            var facts = PaperFacts(title: "T")
            facts.abstract = abstract
            facts.sources = [SourceRef(listing: "a.txt", line: line)]
            return facts
        }
        let abstracts = ["ééé", "abcd", "abcd", "wxyz", "ééééé", "fghij"]
        #expect(PaperFacts.merge(abstracts.enumerated().map { facts($1, line: $0) }).abstract == "ééééé")
        #expect(PaperFacts.merge(["éééé", "abcd", "wxyz"].enumerated().map { facts($1, line: $0) }).abstract == "éééé")
        #expect(PaperFacts.merge(["", "x"].enumerated().map { facts($1, line: $0) }).abstract == "x")
        #expect(PaperFacts.merge([facts("", line: 1)]).abstract == "")
    }

    /// Merged facts do not depend on the order the facts come in (ingest's is its sources',
    /// which the merge counts on only to skip sorting), nor on a source given twice or facts
    /// with sources out of order: each fact from the earliest source, the sources once, sorted.
    @Test func mergeIsTheSameInAnyOrder() {
        func facts(_ title: String, _ sources: [(String, Int)], venue: String? = nil, upvotes: Int? = nil) -> PaperFacts {
            var facts = PaperFacts(title: title)
            facts.sources = sources.map { SourceRef(listing: $0.0, line: $0.1) }
            facts.venue = venue
            facts.upvotes = upvotes
            return facts
        }
        let all = [facts("A", [("b.txt", 3), ("a.txt", 9)], venue: "V1", upvotes: 3), facts("B", [("a.txt", 2)], venue: "V2"),
                   facts("C", [("a.txt", 9)], upvotes: 7)]
        for order in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
            let merged = PaperFacts.merge(order.map { all[$0] })
            #expect(merged.title == "B" && merged.venue == "V2" && merged.upvotes == 7, "\(order)")
            #expect(merged.sources.map { "\($0.listing):\($0.line)" } == ["a.txt:2", "a.txt:9", "b.txt:3"], "\(order)")
        }
    }

    /// The ingest cache keeps a report in the caches' byte form: read back, it is the report it
    /// was — each listing's format, counts, year note and diagnostics, the papers merged across
    /// listings, the totals — and nothing is left over.
    @Test func theCachedReportReadsBackWhole() throws {
        var report = Fixtures.ingest(try Fixtures.site())
        report.diagnostics.append(Diagnostic(file: "a.md", line: nil, .error, "unreadable"))
        report.listings[0].formatForced = true
        report.repeated = true
        #expect(report.listings.contains { $0.yearNote != nil } && report.merged.count == 2 && report.listings.allSatisfy { $0.format != nil })
        let bytes = IngestCache.encode(report)
        var wire = WireReader(bytes: Array(bytes.drop { $0 != 0x0A }.dropFirst()))  // after the version line
        let back = try #require(IngestReport.read(from: &wire))
        #expect(wire.at == wire.count)
        #expect(back == report)
    }

    /// The JSON report an older digest kept is not read, and the next save takes it out.
    @Test func anOlderReportCacheIsReplaced() throws {
        let site = try Fixtures.site()
        let paths = SitePaths(root: site)
        try FileManager.default.createDirectory(atPath: IngestCache.folder(paths), withIntermediateDirectories: true)
        let older = IngestCache.folder(paths) + "/ingest-0123.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: older))
        #expect(!Fixtures.ingest(site, useCache: true).repeated)
        #expect(!FileManager.default.fileExists(atPath: older))
        #expect(IngestCache.files(paths).count == 1 && IngestCache.files(paths)[0].hasSuffix(".bin"))
        #expect(Fixtures.ingest(site, useCache: true).repeated)
    }

    @Test func unchangedInputsRepeatTheLastReport() throws {
        let site = try Fixtures.site()
        let first = Fixtures.ingest(site, useCache: true)
        #expect(!first.repeated && first.written == 505)
        let again = Fixtures.ingest(site, useCache: true)
        #expect(again.repeated && again.written == 0 && again.distinctPapers == 505)
        #expect(again.listings.map(\.unchanged) == [10, 145, 285, 10, 57])
        #expect(again.allDiagnostics == first.allDiagnostics)  // the warnings are said again
        #expect(again.merged.count == 2)
    }

    /// The cache is saved with the hashes of the listings as this ingest read them: a listing
    /// given from outside the site (copied in) and the site's other listings hash the same
    /// when read from disk again, so the next ingest repeats the report.
    @Test func aListingCopiedInRepeatsTheNextTime() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractList])
        let outside = Fixtures.scratch("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let listing = outside + "/" + Fixtures.dailyPapers
        try Data(Fixtures.bytes(Fixtures.dailyPapers)).write(to: URL(fileURLWithPath: listing))
        _ = Fixtures.ingest(site, useCache: true)
        let first = Fixtures.ingest(site, paths: [listing], useCache: true)
        #expect(!first.repeated && first.written > 0)
        #expect(FileManager.default.contents(atPath: site + "/content/listings/" + Fixtures.dailyPapers) == Data(Fixtures.bytes(Fixtures.dailyPapers)))
        let again = Fixtures.ingest(site, paths: [listing], useCache: true)
        #expect(again.repeated && again.written == 0)
        // A byte changed in the listing outside is read again.
        var bytes = Fixtures.bytes(Fixtures.dailyPapers)
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: listing))
        #expect(!Fixtures.ingest(site, paths: [listing], useCache: true).repeated)
    }

    /// Listings are parsed each in a task and their entries made facts in slices by later
    /// tasks of the same parallel map: every listing's facts are those a plain loop over its
    /// entries makes, in order, with a listing that does not parse in between (and none at all).
    @Test func listingsReadInOneParallelMapGiveTheirEntriesFactsInOrder() {
        let names = [Fixtures.abstractList, "junk", Fixtures.posterSession, Fixtures.dailyPapers, Fixtures.abstractListNoHeader]
        let read = Ingest.readListings(names.count, asked: true, today: Fixtures.today, slices: 7) { i -> (Ingest.ListingRead?, Int) in
            guard names[i] != "junk" else { return (nil, i) }
            var summary = IngestReport.ListingSummary(path: Fixtures.listingsFolder + "/" + names[i], name: names[i])
            return (Ingest.read(ListingFiles.File(path: summary.path, name: names[i]), settings: ListingSettings(), today: Fixtures.today,
                                summary: &summary), i)
        }
        #expect(read.map(\.extra) == Array(0..<names.count))
        for (i, name) in names.enumerated() {
            guard name != "junk" else { #expect(read[i].input == nil && read[i].digest == nil); continue }
            let parsed = Fixtures.parse(name)
            let year = ListingYear.resolve(entries: parsed.entries, setting: nil, today: Fixtures.today)
            let expected = parsed.entries.map {
                Candidate.facts(for: $0, in: parsed, name: name, settings: ListingSettings(), year: year, today: Fixtures.today)
            }
            #expect(read[i].input?.members.map(\.facts) == expected && read[i].input?.name == name)
            #expect(read[i].input?.members.allSatisfy(\.isInput) == true)
        }
        #expect(Ingest.readListings(0, asked: false, today: Fixtures.today) { _ in (nil, ()) }.isEmpty)
    }

    /// A record that cannot be written is an error naming its file; every other record is
    /// written, and no report is kept for the next ingest to repeat. Once the obstacle is gone
    /// (here a folder where the record's temporary file goes), the next ingest writes it.
    @Test func aRecordThatCannotBeWrittenIsAnErrorAndTheRestAreWritten() throws {
        let site = try Fixtures.site()
        let id = "hyperattention-long-context-attention-in-near-linear-time"
        let obstacle = site + "/content/papers/.\(id).md.\(getpid()).tmp"
        try FileManager.default.createDirectory(atPath: obstacle, withIntermediateDirectories: true)
        let report = Fixtures.ingest(site, useCache: true)
        #expect(report.hasErrors)
        #expect(report.diagnostics.contains { $0.severity == .error && $0.description.contains("/content/papers/\(id).md") })
        let records = try FileManager.default.contentsOfDirectory(atPath: site + "/content/papers").filter { $0.hasSuffix(".md") }
        #expect(records.count == 504 && !records.contains(id + ".md"))
        #expect(IngestCache.files(SitePaths(root: site)).isEmpty)
        try FileManager.default.removeItem(atPath: obstacle)
        let again = Fixtures.ingest(site, useCache: true)
        #expect(!again.hasErrors && again.written == 1 && !again.repeated)
        #expect(IngestCache.files(SitePaths(root: site)).count == 1)
        #expect(Fixtures.ingest(site, useCache: true).repeated)
    }

    @Test func anyChangeToWhatIngestReadsParsesAgain() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site, useCache: true)
        // A record edited by hand (its size or modification time changes).
        let record = site + "/content/papers/" + (try FileManager.default.contentsOfDirectory(atPath: site + "/content/papers").sorted()[0])
        try (String(contentsOfFile: record, encoding: .utf8) + "\nA note.\n").write(toFile: record, atomically: true, encoding: .utf8)
        #expect(!Fixtures.ingest(site, useCache: true).repeated)
        #expect(Fixtures.ingest(site, useCache: true).repeated)
        // A listing with one more byte.
        let listing = site + "/content/listings/" + Fixtures.abstractList
        try (String(contentsOfFile: listing, encoding: .utf8) + "\n").write(toFile: listing, atomically: true, encoding: .utf8)
        #expect(!Fixtures.ingest(site, useCache: true).repeated)
        // One byte in the middle of a listing, the length the same.
        var bytes = Fixtures.bytes(Fixtures.dailyPapers)
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: site + "/content/listings/" + Fixtures.dailyPapers))
        #expect(!Fixtures.ingest(site, useCache: true).repeated)
        #expect(IngestCache.files(SitePaths(root: site)).count == 1)  // each save replaces the last
        // Other settings on the command line.
        #expect(!Fixtures.ingest(site, settings: ListingSettings(venue: "ICLR 2024"), useCache: true).repeated)
    }

    @Test func handEditsSurviveReingest() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        let id = "hyperattention-long-context-attention-in-near-linear-time"
        let path = site + "/content/papers/\(id).md"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "venue: ICLR 2024", with: "venue: ICLR 2024 (Vienna)\nnotes: read in week 3")
        text = text.replacingOccurrences(of: "Recent work suggests", with: "Recent work (edited) suggests")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let report = Fixtures.ingest(site)
        #expect(report.written == 0)
        let record = try Fixtures.record(site, id)
        #expect(record.string("venue") == "ICLR 2024 (Vienna)")
        #expect(record.string("notes") == "read in week 3")
        #expect(record.body.contains("Recent work (edited) suggests"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func handEditedTitleStillMatchesByAbstract() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        let id = "hyperattention-long-context-attention-in-near-linear-time"
        let path = site + "/content/papers/\(id).md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "Near-Linear Time", with: "Near-Linear Time (HyperAttention)")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let report = Fixtures.ingest(site)
        #expect(report.written == 0)
        #expect(Fixtures.snapshot(site).count == 505)
    }

    /// The summary counts in words that agree with their numbers ("1 listing", not "1 listings").
    @Test func theSummaryCountsInTheSingularToo() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        let summary = Fixtures.ingest(site).render().split(separator: "\n").last
        #expect(summary == "10 distinct papers from 1 listing; 10 records written; 0 errors, 0 warnings")
        #expect(counted(1, "record") == "1 record" && counted(0, "draft") == "0 drafts")
    }

    /// A listing saved again over itself (the Daily Papers page downloaded later) is taken
    /// where it changed: a grown upvote count, a title put right (the record's id stays),
    /// as long as the record holds what ingest wrote from the listing's old text; a value
    /// edited by hand stays. Before, every such value was kept as if edited by hand.
    @Test func aListingSavedAgainIsTakenWhereItChanged() throws {
        let site = try Fixtures.site(listings: [Fixtures.dailyPapersWithMeta])
        _ = Fixtures.ingest(site)
        let eureka = site + "/content/papers/eureka-human-level-reward-design-via-coding-large-language-models.md"
        try String(contentsOfFile: eureka, encoding: .utf8).replacingOccurrences(of: "upvotes: 3\n", with: "upvotes: 300\n")
            .write(toFile: eureka, atomically: true, encoding: .utf8)
        let listing = site + "/content/listings/" + Fixtures.dailyPapersWithMeta
        let saved = try String(contentsOfFile: listing, encoding: .utf8)
            .replacingOccurrences(of: "\nOct 17, 2024 2\n", with: "\nOct 17, 2024 57\n")
            .replacingOccurrences(of: "\nSep 25, 2024 4\n", with: "\nSep 25, 2024 5\n")
            .replacingOccurrences(of: "\nOct 19, 2023 3\n", with: "\nOct 19, 2023 9\n")
            .replacingOccurrences(of: "NGRPO: Negative-enhanced Group", with: "NGRPO: Negative-Enhanced Group")
        try saved.write(toFile: listing, atomically: true, encoding: .utf8)
        let report = Fixtures.ingest(site)
        #expect(report.written == 3 && report.listings[0].updated == 3 && report.listings[0].added == 0)
        #expect(try Fixtures.record(site, "a-common-pitfall-of-margin-based-language-model-alignment-gradient-entanglement").string("upvotes") == "57")
        #expect(try Fixtures.record(site, "vptq-extreme-low-bit-vector-post-training-quantization-for-large-language-models").string("upvotes") == "5")
        #expect(try Fixtures.record(site, "ngrpo-negative-enhanced-group-relative-policy-optimization").string("title")
                == "NGRPO: Negative-Enhanced Group Relative Policy Optimization")
        #expect(try Fixtures.record(site, "eureka-human-level-reward-design-via-coding-large-language-models").string("upvotes") == "300")
        // Taken once: the next ingest writes nothing, and neither does one of the same text again.
        #expect(Fixtures.ingest(site).written == 0)
        try saved.write(toFile: listing, atomically: true, encoding: .utf8)
        #expect(Fixtures.ingest(site).written == 0)
    }

    /// A listing renamed on disk is the same listing: its records' sources take the new name
    /// (the old one's source page is gone), what ingest derived is known under it (a hand edit
    /// stays, and is not taken for the listing's value), and the settings kept under the old
    /// name are said to need renaming too.
    @Test func aRenamedListingIsTheSameListing() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession, Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        let id = "hyperattention-long-context-attention-in-near-linear-time"
        let path = site + "/content/papers/\(id).md"
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "room: Halle B", with: "room: Hall A (moved)")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let listings = site + "/content/listings/"
        try FileManager.default.moveItem(atPath: listings + Fixtures.posterSession, toPath: listings + "iclr-2024-posters.txt")
        let report = Fixtures.ingest(site)
        let renamed = try #require(report.listings.first { $0.name == "iclr-2024-posters.txt" })
        #expect(renamed.renamedFrom == Fixtures.posterSession && renamed.added == 0 && renamed.updated == 285)
        #expect(renamed.diagnostics.map(\.message).contains("settings for `\(Fixtures.posterSession)` apply to that name only: rename them to `iclr-2024-posters.txt` too"))
        #expect(report.render().contains("  renamed from \(Fixtures.posterSession): the sources of its records now name iclr-2024-posters.txt"))
        let snapshot = Fixtures.snapshot(site)
        #expect(snapshot.count == 295)
        let naming = { (listing: String) in snapshot.values.filter { $0.range(of: Data("{listing: \(listing),".utf8)) != nil }.count }
        #expect(naming(Fixtures.posterSession) == 0 && naming("iclr-2024-posters.txt") == 285)
        let record = try Fixtures.record(site, id)
        #expect(record.string("room") == "Hall A (moved)" && record.string("venue") == "ICLR 2024")
        // Said once: the next ingest finds nothing renamed, and writes nothing.
        let again = Fixtures.ingest(site)
        #expect(again.written == 0 && again.listings.allSatisfy { $0.renamedFrom == nil })
    }

    /// A listing gone, and another added that holds other papers, is no rename: the records of
    /// the one gone keep its name.
    @Test func aListingGoneAndAnotherAddedIsNoRename() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader])
        _ = Fixtures.ingest(site)
        let listings = site + "/content/listings/"
        try FileManager.default.removeItem(atPath: listings + Fixtures.abstractListNoHeader)
        try FileManager.default.copyItem(atPath: Fixtures.listingsFolder + "/" + Fixtures.abstractList, toPath: listings + "lab.txt")
        let report = Fixtures.ingest(site)
        #expect(report.listings.allSatisfy { $0.renamedFrom == nil } && report.listings[0].updated == 0)
        let record = try Fixtures.record(site, "logical-reasoning-is-a-crucial-task-for-large-language-models-llms")
        #expect(RecordFields.sourceRefs(in: record).map(\.listing) == [Fixtures.abstractListNoHeader])
    }

    /// A paper whose listing gave no title is matched by its abstract alone: with that edited
    /// by hand, the next ingest of its listing added the paper again. The title it was given
    /// and the line it was read at still name it; the record is left as edited. A second
    /// title-less paper opening with the same words (so with the same inferred title) in the
    /// listing stays a paper of its own.
    @Test func handEditedAbstractOfInferredTitleStillMatches() throws {
        let twin = "\nAbstract:Logical reasoning is a crucial task for Large Language Models (LLMs), enabling them to tackle complex problems. "
            + "We study how chain-of-thought prompts fail on planning benchmarks and propose a verifier that checks each step against a symbolic world model before it is kept.\n"
        let site = try Fixtures.site(listings: [Fixtures.abstractListNoHeader]) { $0 + Array(twin.utf8) }
        _ = Fixtures.ingest(site)
        let id = "logical-reasoning-is-a-crucial-task-for-large-language-models-llms"
        let path = site + "/content/papers/\(id).md"
        let record = try Fixtures.record(site, id)
        #expect(record.bool("title_inferred") && record.body.hasPrefix("Logical reasoning is a crucial task"))
        #expect(Fixtures.snapshot(site).count == 11)
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "\nLogical reasoning is", with: "\nReasoning in logic is")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let before = Fixtures.snapshot(site)
        let report = Fixtures.ingest(site)
        #expect(report.written == 0 && !report.hasErrors)
        #expect(Fixtures.snapshot(site) == before)
    }

    @Test func junkListingFailsAloneAndTouchesNoRecord() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        let before = Fixtures.snapshot(site)
        try "<html><body>Sorry, this page is unavailable.</body></html>\n".write(
            toFile: site + "/content/listings/005_junk.txt", atomically: true, encoding: .utf8)
        let report = Fixtures.ingest(site)
        #expect(report.hasErrors)
        let junk = try #require(report.listings.first { $0.name == "005_junk.txt" })
        #expect(junk.diagnostics.first?.description.contains("005_junk.txt: error: not a listing") == true)
        #expect(report.render().contains("005_junk.txt"))
        #expect(report.listings.filter { $0.format != nil }.count == 5)
        #expect(Fixtures.snapshot(site) == before)
    }

    @Test func goodListingsGoInWhenOneFails() throws {
        let site = try Fixtures.site(listings: [Fixtures.abstractList])
        try "nothing to see\n".write(toFile: site + "/content/listings/zz.txt", atomically: true, encoding: .utf8)
        let report = Fixtures.ingest(site)
        #expect(report.hasErrors)
        #expect(Fixtures.snapshot(site).count == 10)
    }

    @Test func windowsCopiesGiveTheSameRecords() throws {
        let plain = try Fixtures.site()
        let windows = try Fixtures.site(transform: ListingTextTests.windowsCopy)
        _ = Fixtures.ingest(plain)
        _ = Fixtures.ingest(windows)
        #expect(Fixtures.snapshot(plain) == Fixtures.snapshot(windows))
    }

    @Test func listingsIngestedOneByOneInAnyOrderGiveTheSameRecords() throws {
        let together = try Fixtures.site()
        _ = Fixtures.ingest(together)
        let oneByOne = try Fixtures.site()
        for name in Fixtures.all.reversed() {
            let report = Fixtures.ingest(oneByOne, paths: [oneByOne + "/content/listings/" + name])
            #expect(!report.hasErrors)
        }
        #expect(Fixtures.snapshot(oneByOne) == Fixtures.snapshot(together))
    }

    @Test func commandLineVenueAndYearWin() throws {
        let site = try Fixtures.site(listings: [Fixtures.dailyPapersWithMeta])
        let report = Fixtures.ingest(site, settings: ListingSettings(venue: "HF Daily", year: 2030))
        #expect(report.listings[0].yearNote == "year 2030 from the listing's settings")
        let grpo = try Fixtures.record(site, "group-relative-reinforce-is-secretly-an-off-policy-algorithm-demystifying-some")
        #expect(grpo.string("venue") == "HF Daily")
        #expect(grpo.string("date") == "2029-09-28")  // 2030-09-28 is after today, so the year before
    }

    /// A blank setting is no value: `--venue ""` wrote `venue: ''` into every record, and a
    /// blank `--session` overrides the header's session with none.
    @Test func aBlankSettingIsNoValue() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession])
        #expect(!Fixtures.ingest(site, settings: ListingSettings(venue: "", session: "  ")).hasErrors)
        let record = try Fixtures.record(site, "hyperattention-long-context-attention-in-near-linear-time")
        #expect(record["venue"] == nil && record["session"] == nil && record.string("room") == "Halle B")
    }

    /// A year given again, changed, changes no record already written (its dates cannot be told
    /// from dates edited by hand) and says so, naming the listing and counting the records; the
    /// same year, or none, says nothing.
    @Test func aChangedYearLeavesRecordsAndSaysSo() throws {
        let site = try Fixtures.site(listings: [Fixtures.dailyPapersWithMeta])
        _ = Fixtures.ingest(site, settings: ListingSettings(year: 2024))
        let grpo = "group-relative-reinforce-is-secretly-an-off-policy-algorithm-demystifying-some"
        #expect(try Fixtures.record(site, grpo).string("date") == "2024-09-28")
        let again = Fixtures.ingest(site, settings: ListingSettings(year: 2025))
        #expect(try Fixtures.record(site, grpo).string("date") == "2024-09-28" && again.written == 0)
        let warning = try #require(again.allDiagnostics.first { $0.severity == .warning && $0.message.hasPrefix("records written before") })
        #expect(warning.file == site + "/content/listings/" + Fixtures.dailyPapersWithMeta)
        // As many as have another date when ingested with 2025 from the start.
        let fresh = try Fixtures.site(listings: [Fixtures.dailyPapersWithMeta])
        _ = Fixtures.ingest(fresh, settings: ListingSettings(year: 2025))
        let ids = try FileManager.default.contentsOfDirectory(atPath: site + "/content/papers").map { String($0.dropLast(3)) }
        let moved = try ids.filter { try Fixtures.record(site, $0).string("date") != Fixtures.record(fresh, $0).string("date") }.count
        #expect(moved > 0 && warning.message.hasPrefix("records written before keep their date (\(moved) records), not what"))
        for settings in [ListingSettings(year: 2024), ListingSettings()] {
            #expect(!Fixtures.ingest(site, settings: settings).allDiagnostics.contains { $0.message.hasPrefix("records written before") })
        }
    }

    @Test func unreadableRecordIsNotOverwritten() throws {
        let site = try Fixtures.site(listings: [Fixtures.posterSession])
        _ = Fixtures.ingest(site)
        let path = site + "/content/papers/hyperattention-long-context-attention-in-near-linear-time.md"
        let broken = "---\ntitle: [unclosed\n---\nbody\n"
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let report = Fixtures.ingest(site)
        #expect(report.hasErrors)
        #expect(report.diagnostics.contains { $0.file == path && $0.line != nil })
        #expect(try String(contentsOfFile: path, encoding: .utf8) == broken)
    }

    @Test func listingFromElsewhereIsKeptInTheSite() throws {
        let site = try Fixtures.site(listings: [])
        let report = Fixtures.ingest(site, paths: [Fixtures.listingsFolder + "/" + Fixtures.abstractListNoHeader])
        #expect(!report.hasErrors)
        #expect(FileManager.default.contents(atPath: site + "/content/listings/" + Fixtures.abstractListNoHeader)
                == FileManager.default.contents(atPath: Fixtures.listingsFolder + "/" + Fixtures.abstractListNoHeader))
    }
}

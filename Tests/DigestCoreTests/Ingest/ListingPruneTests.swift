import Foundation
import Testing
@testable import DigestCore

/// A listing removed from `content/listings/`: said by every ingest, and its papers taken off
/// with `--prune` (`GoneListings.swift`). The real Daily Papers listings: the one with
/// metadata holds 57 papers, one of them ("Hardness of Independent Learning…") in the other too.
@Suite struct ListingPruneTests {
    static let shared = "hardness-of-independent-learning-and-sparse-equilibrium-computation-in-markov"

    /// A site of both listings, ingested, then the one with metadata removed from disk.
    static func siteWithoutOne() throws -> String {
        let site = try Fixtures.site(listings: [Fixtures.dailyPapers, Fixtures.dailyPapersWithMeta])
        _ = Fixtures.ingest(site)
        try FileManager.default.removeItem(atPath: site + "/content/listings/" + Fixtures.dailyPapersWithMeta)
        return site
    }

    /// With the ingest cache: a report it keeps prunes nothing.
    static func ingest(_ site: String, prune: Bool, dryRun: Bool = false) -> IngestReport {
        var options = IngestOptions(siteFolder: site, today: Fixtures.today, dryRun: dryRun, useCache: true)
        options.prune = prune
        return Ingest.run(options)
    }

    @Test func aRemovedListingIsSaidAndItsRecordsStay() throws {
        let site = try Self.siteWithoutOne()
        let before = Fixtures.snapshot(site)
        let report = Fixtures.ingest(site)
        #expect(report.gone == [IngestReport.GoneListing(name: Fixtures.dailyPapersWithMeta, path: site + "/content/listings/" + Fixtures.dailyPapersWithMeta,
                                                         records: 57, alone: 56)])
        #expect(report.render().contains("\(Fixtures.dailyPapersWithMeta): not there, named by 57 records, 56 of them no listing that is there; their papers stay on the site"))
        #expect(!report.hasErrors && report.written == 0 && Fixtures.snapshot(site) == before)
        // The report the ingest cache repeats says it too.
        _ = Fixtures.ingest(site, useCache: true)
        let repeated = Fixtures.ingest(site, useCache: true)
        #expect(repeated.repeated && repeated.gone == report.gone)
    }

    @Test func pruneDeletesTheRecordsOfARemovedListingAndItsSources() throws {
        let site = try Self.siteWithoutOne()
        _ = Fixtures.ingest(site, useCache: true)
        let before = Fixtures.snapshot(site)
        let dry = Self.ingest(site, prune: true, dryRun: true)
        #expect(dry.gone.map(\.pruned) == [.wouldBe] && Fixtures.snapshot(site) == before)
        #expect(dry.render().contains(": not there: 56 records would be deleted, 1 record would no longer name it (--prune)"))

        let report = Self.ingest(site, prune: true)
        #expect(!report.hasErrors && report.gone.map(\.pruned) == [.yes])
        #expect(report.render().contains(": not there: 56 records deleted, 1 record no longer names it (--prune)"))
        let after = Fixtures.snapshot(site)
        #expect(after.count == 145 && before.count == 201)
        let record = try Fixtures.record(site, Self.shared)
        #expect(RecordFields.sourceRefs(in: record).map(\.listing) == [Fixtures.dailyPapers])
        // Every other record as an ingest of the listing left makes it, byte for byte; the
        // shared one in the same YAML styles (its values from the other listing stay).
        let alone = try Fixtures.site(listings: [Fixtures.dailyPapers])
        _ = Fixtures.ingest(alone)
        let made = Fixtures.snapshot(alone)
        #expect(Set(made.keys) == Set(after.keys))
        #expect(made.filter { $0.key != Self.shared + ".md" }.allSatisfy { after[$0.key] == $0.value })
        let text = String(decoding: after[Self.shared + ".md"]!, as: UTF8.self)
        #expect(text.contains("\ntags: [") && text.contains("\nsources:\n- {listing: \(Fixtures.dailyPapers), line: 383}\n---\n"))
        // Nothing is left to say or prune.
        let again = Self.ingest(site, prune: true)
        #expect(again.gone.isEmpty && Fixtures.snapshot(site) == after)
    }

    /// With no listing in `content/listings/`, every record names a listing that is not there:
    /// `--prune` deletes nothing, and says why.
    @Test func pruneIsRefusedWithNoListingThere() throws {
        let site = try Self.siteWithoutOne()
        try FileManager.default.removeItem(atPath: site + "/content/listings/" + Fixtures.dailyPapers)
        let before = Fixtures.snapshot(site)
        let report = Self.ingest(site, prune: true)
        #expect(report.hasErrors && report.gone.count == 2 && report.gone.allSatisfy { $0.pruned == .no })
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.message) == ["--prune: no listing here, so every record would be deleted; nothing was pruned"])
        #expect(Fixtures.snapshot(site) == before)
    }
}

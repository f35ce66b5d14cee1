import Foundation
import Testing
@testable import DigestCore

/// Each paper's search filters and venue as a build keeps them (`.digest-cache/search-terms-filters.bin`):
/// the next build takes a paper's from there when what they are made from is the same, and
/// its lists are the ones made from every paper's facts.
@Suite struct FilterKeysTests {
    static let papers = Array(SearchTests.sample.papers.prefix(60))

    static func paperKeys(_ papers: [Paper]) -> [UInt64] {
        papers.map { FilterKeys.paperKey(fields: SearchTermCache.fieldsKey($0), date: $0.date) }
    }

    /// Each key's papers, as the filter files have them.
    static func lists(_ filters: FilterKeys) -> [String: [Int32]] {
        Dictionary(uniqueKeysWithValues: filters.lists().map { ($0.key, Array($0.papers)) })
    }

    /// A listing's papers after the others, one paper's tags and venue edited, one gone (the
    /// numbers after it move): the keys taken where they can be are the keys made whole.
    static func edited() -> [Paper] {
        var papers = Self.papers
        papers.remove(at: 11)
        papers[3].facts.tags = ["graphs", "brand-new-tag"]
        papers[3].facts.venue = "A Venue Nobody Had"
        var new = Paper(id: "new-paper", title: "New")
        (new.facts.authors, new.facts.date, new.facts.venue) = (["Ada Lovelace", papers[0].authors.first ?? "X Y"], "2031-01-02", papers[5].venue)
        papers.append(new)
        return papers
    }

    @Test func keysTakenFromTheKeptAreTheKeysMadeWhole() {
        let kept = FilterKeys(Self.papers, paperKeys: Self.paperKeys(Self.papers))
        let papers = Self.edited()
        let taken = FilterKeys(papers, paperKeys: Self.paperKeys(papers), kept: kept)
        let whole = FilterKeys(papers)
        #expect(Self.lists(taken) == Self.lists(whole))
        #expect(taken.venueNames() == whole.venueNames())
        #expect(Self.lists(taken)["tag:brand-new-tag"] == [3] && Self.lists(taken)["venue:a-venue-nobody-had"] == [3])
        #expect(Self.lists(taken)["author:lovelace"] == [Int32(papers.count - 1)])
        #expect(!taken.asKept)
    }

    /// A paper whose key the kept keys have takes them from there, not from its facts: given
    /// its old key, an edited paper keeps its old tags.
    @Test func aPaperWhoseKeyIsKeptTakesTheKeptKeys() {
        let kept = FilterKeys(Self.papers, paperKeys: Self.paperKeys(Self.papers))
        var papers = Self.papers
        papers[4].facts.tags = ["only-in-the-facts"]
        let taken = FilterKeys(papers, paperKeys: Self.paperKeys(Self.papers), kept: kept)
        #expect(Self.lists(taken)["tag:only-in-the-facts"] == nil)
        #expect(Self.lists(taken) == Self.lists(kept))
        #expect(taken.asKept)
    }

    @Test func keptKeysReadBackAsWritten() throws {
        let folder = Fixtures.scratch("filter-keys")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = FilterKeys.path(besideWords: folder + "/search-terms.bin")
        #expect(path.hasSuffix("/search-terms-filters.bin"))
        try? FileManager.default.removeItem(atPath: path)
        // Made from kept keys that hold keys no paper has now: those are not written.
        let first = FilterKeys(Self.papers, paperKeys: Self.paperKeys(Self.papers))
        let papers = Self.edited()
        let made = FilterKeys(papers, paperKeys: Self.paperKeys(papers), kept: first)
        made.write(to: path)
        let read = try #require(FilterKeys.read(path))
        #expect(Self.lists(read) == Self.lists(made) && read.venueNames() == made.venueNames())
        #expect(read.paperKeys == Self.paperKeys(papers))
        #expect(read.keys.count == Self.lists(made).count)
        // Taken whole from what was read, nothing is written again.
        let again = FilterKeys(papers, paperKeys: Self.paperKeys(papers), kept: read)
        #expect(again.asKept)
        let stamp = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        usleep(20_000)
        again.write(to: path)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == stamp)
        // A file cut short reads as none.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 3).write(to: URL(fileURLWithPath: path))
        #expect(FilterKeys.read(path) == nil)
    }

    /// A listing's few papers leave the count of filter buckets where it was (two significant
    /// digits, rounded up), so only the buckets of their keys change: exact, the count moved
    /// and every key's bucket with it.
    @Test func aFewMoreKeysLeaveTheCountOfBucketsAsItWas() {
        let entries = (0..<1000).map { (key: "author \($0)", list: [UInt8](repeating: UInt8(ascii: "1"), count: 3370)) }
        let more = entries + (0..<2).map { (key: "newcomer \($0)", list: [UInt8](repeating: UInt8(ascii: "1"), count: 2000)) }
        #expect(SearchIndexBuilder.bucketCount(entries) == 1700)
        #expect(SearchIndexBuilder.bucketCount(more) == 1700)
        #expect([1, 99, 100, 101, 1692, 12_345].map(SearchIndexBuilder.twoDigitsUp) == [1, 99, 100, 110, 1700, 13_000])
    }

    /// The facets count each tag as the tag pages do (a paper naming one twice, twice), most
    /// papers first and then A–Z; and each year's papers, newest first.
    @Test func facetsCountTagsAsTheirPagesAndYearsNewestFirst() throws {
        func paper(_ id: String, tags: [String], date: String?) -> Paper {
            var paper = Paper(id: id, title: id)
            (paper.facts.tags, paper.facts.date) = (tags, date)
            return paper
        }
        let papers = [paper("a", tags: ["zeta", "beta"], date: "2023-01-02"), paper("b", tags: ["beta", "alpha"], date: "2025-03-04"),
                      paper("c", tags: ["zeta", "zeta"], date: nil), paper("d", tags: ["alpha"], date: "2023-11-12")]
        let facets = try #require(String(bytes: SearchIndexBuilder.facets(papers, venues: []), encoding: .utf8))
        #expect(facets == #"{"tags":[["zeta",3],["alpha",2],["beta",2]],"venues":[],"years":[["2025",1],["2023",2]]}"# + "\n")
        let model = SiteModel(config: SiteConfig(), papers: papers, listings: [:])
        #expect(model.tags.map { [$0.id: $0.papers.count] } == [["alpha": 2], ["beta": 2], ["zeta": 3]])
    }
}

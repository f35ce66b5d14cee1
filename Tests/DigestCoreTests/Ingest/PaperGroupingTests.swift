import Testing
@testable import DigestCore

@Suite struct PaperGroupingTests {
    /// Grouping with the keys' hashes gives the groups the keys give, when every hash collides
    /// (only the keys can then tell papers apart) and with the real hashes.
    @Test func hashesOnlyFindKeysToCompare() {
        let keys = [["title:a"], ["title:b"], ["title:a", "abstract:c"], ["abstract:c"], ["title:d"], ["title:b", "abstract:e"]]
        let byKeys = PaperGrouping.groups(keys: keys)
        #expect(byKeys == [[0, 2, 3], [1, 5], [4]])
        #expect(PaperGrouping.groups(keys: keys, hashes: keys.map { $0.map { _ in 7 } }) == byKeys)
        #expect(PaperGrouping.groups(keys: keys, hashes: keys.map { $0.map(RecordIndex.keyHash) }) == byKeys)
    }

    /// The real listings' papers group the same either way.
    @Test func theSampleGroupsTheSameWithHashes() {
        let site = Fixtures.all.map { Fixtures.parse($0) }
        let keys = site.flatMap { listing in listing.entries.map { entry -> [String] in
            var facts = PaperFacts(title: entry.title ?? "")
            facts.abstract = entry.abstract
            return facts.identityKeys
        } }
        let groups = PaperGrouping.groups(keys: keys, hashes: keys.map { $0.map(RecordIndex.keyHash) })
        #expect(groups == PaperGrouping.groups(keys: keys))
        #expect(groups.count < keys.count)  // some paper is in two listings
    }
}

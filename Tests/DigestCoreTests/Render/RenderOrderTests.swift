import Foundation
import Testing
@testable import DigestCore

/// A rebuild visits only the pages it may have to write, the indexes of all authors, tags and
/// sources first (`RenderOrder`), and tells a kept file from its path's hash alone only when
/// neither the stale paths nor the missing ones may hold it (`SiteStaging.holdsAlready`).
@Suite struct RenderOrderTests {
    let pages: [SiteRenderer.Page] = [
        .init(kind: .home(page: 1), path: "index.html"), .init(kind: .paper(0), path: "papers/a/index.html"),
        .init(kind: .paper(1), path: "papers/b/index.html"), .init(kind: .authorIndex, path: "authors/index.html"),
        .init(kind: .author(0), path: "authors/x/index.html"), .init(kind: .tagIndex, path: "tags/index.html"),
        .init(kind: .tag(0, page: 1), path: "tags/t/index.html"), .init(kind: .sourceIndex, path: "sources/index.html"),
        .init(kind: .search, path: "search/index.html"),
    ]

    @Test func pagesAsTheyWereAndHeldAreNotVisitedAndIndexesComeFirst() {
        let hashes: [UInt64] = [10, 11, 12, 13, 14, 15, 16, 17, 18]
        // Changed: 1 (another hash), 3 (another), 6 (none known); not held: 2 and 7.
        let known: [UInt64?] = [10, 99, 12, 0, 14, 15, nil, 17, 18, 42]  // (then the other outputs)
        let visits = RenderOrder.visits(pages, hashes: hashes, known: known, held: { $0 != 2 && $0 != 7 })
        #expect(visits == [3, 7, 1, 2, 6])
        // Every page held and as it was: none.
        #expect(RenderOrder.visits(pages, hashes: hashes, known: hashes, held: { _ in true }).isEmpty)
        // None held: all, the indexes first.
        #expect(RenderOrder.visits(pages, hashes: hashes, known: hashes, held: { _ in false }) == [3, 5, 7, 0, 1, 2, 4, 6, 8])
    }

    @Test func eachVisitedPagesOutcomeIsPutInItsPlace() {
        let hashes: [UInt64] = [10, 11, 12, 13]
        let made = [PageOutcome(hash: 13, wrote: true, error: 0), PageOutcome(hash: 11, wrote: true, error: ENOSPC, spliced: true)]
        let all = RenderOrder.outcomes(made, visits: [3, 1], hashes: hashes)
        #expect(all.map(\.hash) == [10, 11, 12, 13])
        #expect(all.map(\.wrote) == [false, true, false, true])
        #expect(all.map(\.error) == [0, ENOSPC, 0, 0] && all.map(\.spliced) == [false, true, false, false])
        // A full build visits every page in order.
        #expect(RenderOrder.outcomes(made, visits: nil, hashes: nil).map(\.hash) == [13, 11])
    }

    @Test func aFileIsHeldAlreadyOnlyWhenNoSetOfPathsMayHoldIt() {
        let outputs = (0..<2_000).map { "papers/paper-\($0)/index.html" }
        let (stale, missing) = (Set(outputs.enumerated().filter { $0.offset % 7 == 0 }.map(\.element)), [outputs[3], outputs[500]])
        let folders = NSTemporaryDirectory() + "held-\(UUID().uuidString)"
        let staging = SiteStaging(current: folders + "/current", staging: folders + "/staging", reused: true, stale: stale, outputs: outputs, missing: missing)
        let held = outputs.indices.filter { staging.holdsAlready(output: $0) }
        // None of the stale or missing; of the others, all but those whose hash's bit a member shares.
        #expect(held.allSatisfy { !stale.contains(outputs[$0]) && !missing.contains(outputs[$0]) })
        #expect(held.count > (outputs.count - stale.count - missing.count) * 9 / 10)
        // Not looked through (no `missing`), or not reused: nothing is told without the path.
        let unlooked = SiteStaging(current: folders + "/current", staging: folders + "/staging", reused: true, stale: [], outputs: outputs)
        let fresh = SiteStaging(current: folders + "/current", staging: folders + "/staging", reused: false, stale: [], outputs: outputs, missing: [])
        #expect(!unlooked.holdsAlready(output: 1) && !fresh.holdsAlready(output: 1))
        // Looked through, with nothing stale or missing: every one.
        let whole = SiteStaging(current: folders + "/current", staging: folders + "/staging", reused: true, stale: [], outputs: outputs, missing: [])
        #expect(outputs.indices.allSatisfy { whole.holdsAlready(output: $0) })
    }
}

import Foundation
import Testing
@testable import DigestCore

/// Every input the fuzzers (`make fuzz`) once crashed or hung on, replayed through the same
/// calls: each is a regression test.
@Suite struct FuzzFindingsTests {
    static let folder = Fixtures.repoRoot + "/Tests/fuzz-findings"

    static func inputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + target)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.map { ($0, [UInt8](FileManager.default.contents(atPath: folder + "/" + target + "/" + $0)!)) }
    }

    @Test(arguments: ["AbstractList", "DailyPapers", "PosterSession"])
    func listingFindings(_ target: String) {
        for input in Self.inputs(target) {
            input.bytes.withUnsafeBufferPointer { UntrustedInput.listing($0, parser: UntrustedInput.parser(target: target)!) }
        }
    }

    @Test func frontMatterFindings() {
        for input in Self.inputs("FrontMatter") { input.bytes.withUnsafeBufferPointer { UntrustedInput.record($0) } }
    }

    @Test func everyTargetHasAFindingsFolder() {
        for target in ["AbstractList", "DailyPapers", "PosterSession", "FrontMatter"] {
            #expect(FileManager.default.fileExists(atPath: Self.folder + "/" + target))
        }
    }
}

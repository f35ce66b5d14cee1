import Foundation
import Testing
import Yams
@testable import DigestCore

/// Reading a record's fields on the direct paths a build takes gives what the general ones
/// (Foundation's trimming, Yams's integers) give.
@Suite struct RecordReadingTests {
    /// A title is blank when trimming `.whitespaces` leaves nothing: every scalar of the Basic
    /// Multilingual Plane, alone and between spaces and tabs.
    @Test func blankIsWhatTrimmingWhitespaceLeavesEmpty() {
        #expect(RecordCheck.isBlank(""))
        var blanks = 0
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), " \t" + String(scalar) + "\u{3000}"] {
                let trimmed = text.trimmingCharacters(in: .whitespaces).isEmpty
                #expect(RecordCheck.isBlank(text) == trimmed, "U+\(String(value, radix: 16))")
                if trimmed { blanks += 1 }
            }
        }
        #expect(blanks > 30)
    }

    /// A source's line is the integer Yams reads, plain decimals or not.
    @Test func sourceLinesAreTheIntegersYamsReads() throws {
        let written = ["383", "7", "0", "010", "0x1F", "0o17", "1_000", "+5", "-3", "1:30", "'12'", "\"7\"",
                       "99999999999999999999", "12abc", "1.5", "~", "!!str 42"]
        for value in written {
            let node = try #require(try Yams.compose(yaml: "[{listing: a.txt, line: \(value)}]"))
            let record = Record(id: "p", fields: [("sources", node)])
            let expected = node.sequence?.first?.mapping?["line"]?.int ?? 0
            #expect(RecordFields.sourceRefs(in: record) == [SourceRef(listing: "a.txt", line: expected)], "\(value)")
        }
    }
}

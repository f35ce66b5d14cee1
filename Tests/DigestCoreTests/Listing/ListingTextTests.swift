import Foundation
import Testing
@testable import DigestCore

@Suite struct ListingTextTests {
    /// CRLF line ends, a byte order mark, trailing spaces and tabs.
    static func windowsCopy(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        for byte in bytes {
            if byte == 0x0A { out += Array(" \t\r\n".utf8) } else { out.append(byte) }
        }
        return out
    }

    @Test(arguments: Fixtures.all)
    func lineEndingsBomAndTrailingSpaceMakeNoDifference(name: String) {
        let plain = Fixtures.parse(name)
        let windows = ListingText(path: name, name: name, bytes: Self.windowsCopy(Fixtures.bytes(name)))
        #expect(FormatDetector.detect(windows) == plain.format)
        let parsed = plain.format.parser.parse(windows)
        #expect(parsed.entries == plain.entries)
        #expect(parsed.header == plain.header)
    }

    /// Lines are trimmed over their bytes: as trimming their scalars trims them,
    /// for every line of the listings and for lines edged with each space the parsers drop
    /// (tab, VT, FF, NBSP, U+FEFF), with others that are kept (U+2003, `†`, which ends in the
    /// byte NBSP ends in), alone, doubled and in the middle; and lines with bytes that are not UTF-8.
    @Test func linesTrimmedOverBytesAsOverScalars() {
        let edges = [" ", "\t", "\u{0B}", "\u{0C}", "\u{A0}", "\u{FEFF}", "\u{2003}", "†", "é", "x", ""]
        var lines = Fixtures.all.flatMap { Fixtures.listing($0).lines.map(\.text) }
        for a in edges { for b in edges { for c in edges { lines.append(a + b + "w" + c + "v" + b + a) } } }
        lines += edges.map { $0 + $0 } + ["end"]
        let text = ListingText(path: "x", name: "x", bytes: Array(lines.joined(separator: "\n").utf8))
        func trimmed(_ text: String) -> String {
            let spaces: Set<Unicode.Scalar> = [" ", "\t", "\u{0B}", "\u{0C}", "\u{A0}", "\u{FEFF}"]
            let scalars = text.unicodeScalars
            guard let first = scalars.firstIndex(where: { !spaces.contains($0) }) else { return "" }
            return String(scalars[first...scalars.lastIndex(where: { !spaces.contains($0) })!])
        }
        #expect(text.lines.map(\.text) == lines.map(trimmed))
        #expect(text.lines.allSatisfy { $0.isValidUTF8 })
        // Among bytes that are not UTF-8 (each read as U+FFFD), spaces are trimmed the same. (The
        // last line's `é` keeps the file UTF-8: with none, it would be read as Windows-1252.)
        let brokenLines = [[0xFF, 0x20], [0x20, 0xE2, 0x80], [0xC2, 0xA0, 0xC2], [0xE2, 0xC2, 0xA0], [0xEF, 0xBB, 0xBF, 0xBB, 0x09]] as [[UInt8]]
        let broken = ListingText(path: "x", name: "x", bytes: Array((brokenLines + [Array("é".utf8)]).joined(separator: [0x0A])))
        #expect(broken.encoding == .utf8)
        #expect(broken.lines.dropLast().map(\.text) == brokenLines.map { trimmed(String(decoding: $0, as: UTF8.self)) })
        #expect(broken.lines.dropLast().allSatisfy { !$0.isValidUTF8 })
    }

    /// Old Mac line ends (CR alone) cut the same lines as LF.
    @Test(arguments: Fixtures.all)
    func carriageReturnsAloneEndLines(name: String) {
        let plain = Fixtures.listing(name)
        let mac = ListingText(path: name, name: name, bytes: Fixtures.bytes(name).map { $0 == 0x0A ? 0x0D : $0 })
        #expect(mac.lines == plain.lines)
    }

    /// Blank lines, and a last line with no line end, whichever line ends the file has.
    @Test func blankLinesAndAnUnendedLastLineAreLines() {
        for end in ["\n", "\r", "\r\n"] {
            let lines = ListingText(path: "x", name: "x", bytes: Array((["a", "", " ", "b c", "d"].joined(separator: end)).utf8)).lines
            #expect(lines.map(\.text) == ["a", "", "", "b c", "d"], "\(end.debugDescription)")
            #expect(lines.map(\.number) == [1, 2, 3, 4, 5])
        }
        #expect(ListingText(path: "x", name: "x", bytes: Array("a\n\n".utf8)).lines.map(\.text) == ["a", ""])
        #expect(ListingText(path: "x", name: "x", bytes: [UInt8]()).lines.isEmpty)
    }

    /// Ingest hands the file's `Data`; bytes that are not contiguous in memory cut the same lines.
    @Test func everyKindOfByteCollectionReadsAlike() {
        let bytes = Fixtures.bytes(Fixtures.posterSession)
        let lines = ListingText(path: "p", name: "p", bytes: bytes).lines
        #expect(lines.count == 849)
        #expect(ListingText(path: "p", name: "p", bytes: Data(bytes)).lines == lines)
        #expect(ListingText(path: "p", name: "p", bytes: bytes.lazy.map { $0 }).lines == lines)
    }

    @Test func invalidUTF8CostsOnlyItsEntry() throws {
        // Break one byte in the authors line of the 2nd paper of the poster session (line 8).
        var lines = Fixtures.bytes(Fixtures.posterSession).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        lines[7].insert(0xFF, at: 3)
        let bytes = Array(lines.joined(separator: [0x0A]))
        let text = ListingText(path: "p.txt", name: "p.txt", bytes: bytes)
        #expect(text.lines[7].isValidUTF8 == false)
        let parsed = PosterSessionParser().parse(text)
        #expect(parsed.entries.count == 284)
        #expect(!parsed.entries.contains { $0.title == "BatchPrompt: Accomplish more with less" })
        #expect(parsed.entries.contains { $0.title == "ToolChain*: Efficient Action Space Navigation in Large Language Models with A* Search" })
        let error = try #require(parsed.diagnostics.first { $0.severity == .error })
        #expect(error.description.hasPrefix("p.txt:8: error: invalid UTF-8"))
    }
}

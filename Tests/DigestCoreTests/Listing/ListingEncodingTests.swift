import Foundation
import Testing
@testable import DigestCore

/// A listing saved as UTF-16 or Windows-1252 reads as the same lines as in UTF-8; a UTF-8
/// listing with a broken byte stays UTF-8 (only the paper with the byte is lost).
@Suite struct ListingEncodingTests {
    /// The real poster session — its `·` between authors, its accents, curly quotes and dashes —
    /// as Windows-1252 holds it (Foundation's encoder, not ours), and the same text in UTF-8:
    /// what Windows-1252 has no byte for (İ, Ł, ϵ, →) is `?` in both.
    static func posterSessionInWindows1252() throws -> (bytes: [UInt8], utf8: [UInt8]) {
        let text = String(decoding: Fixtures.bytes(Fixtures.posterSession), as: UTF8.self)
        let bytes = try #require(text.data(using: .windowsCP1252, allowLossyConversion: true))
        let same = try #require(String(data: bytes, encoding: .windowsCP1252))
        return ([UInt8](bytes), Array(same.utf8))
    }

    static func lines(_ bytes: some Collection<UInt8>) -> ListingText { ListingText(path: "p.txt", name: "p.txt", bytes: bytes) }

    @Test func aWindows1252ListingReadsAsItsUTF8() throws {
        let (bytes, utf8) = try Self.posterSessionInWindows1252()
        #expect(bytes.contains(0xB7) && bytes.contains(0x93))  // `·` and `“` as one byte each
        let text = Self.lines(bytes)
        #expect(text.encoding == .windows1252)
        #expect(text.lines == Self.lines(utf8).lines)
        let parsed = PosterSessionParser().parse(text)
        #expect(parsed.entries.count == 285 && parsed.diagnostics.allSatisfy { $0.severity != .error })
        #expect(parsed.entries.contains { $0.authors == ["Pierre Marion", "Yu-Han Wu", "Michael Sander", "Gérard Biau"] })
    }

    /// Bytes 80–9F are the characters Windows-1252 puts there, the five it leaves undefined
    /// the C1 controls of their value (as browsers decode it); A0–FF are Latin-1.
    @Test func windows1252BytesAreItsCharacters() {
        let text = Self.lines([0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x80, 0x20, 0xE9, 0x20, 0x81, 0x78, 0x0A, 0x9F, 0xFF])
        #expect(text.encoding == .windows1252)
        #expect(text.lines.map(\.text) == ["“q” – € é \u{81}x", "Ÿÿ"])
        #expect(text.lines.allSatisfy { $0.isValidUTF8 })
    }

    /// With its byte order mark (Notepad's "Unicode") or without one, either byte order.
    @Test func aUTF16ListingReadsAsItsUTF8() throws {
        let bytes = Fixtures.bytes(Fixtures.posterSession)
        let text = String(decoding: bytes, as: UTF8.self)
        let utf8 = Self.lines(bytes)
        for (encoding, expected) in [(String.Encoding.utf16, ListingEncoding.utf16LE), (.utf16LittleEndian, .utf16LE), (.utf16BigEndian, .utf16BE)] {
            let read = Self.lines([UInt8](try #require(text.data(using: encoding))))
            #expect(read.encoding == expected && !read.isBroken, "\(encoding)")
            #expect(read.lines == utf8.lines, "\(encoding)")
        }
        let bigWithMark = [0xFE, 0xFF] + [UInt8](try #require(text.data(using: .utf16BigEndian)))
        #expect(Self.lines(bigWithMark).lines == utf8.lines)
    }

    /// An odd count of bytes, or a surrogate without its pair, is no UTF-16: no lines.
    @Test func brokenUTF16IsSaid() {
        for bytes: [UInt8] in [[0xFF, 0xFE, 0x61, 0x00, 0x62], [0xFF, 0xFE, 0x00, 0xD8, 0x61, 0x00]] {
            let text = Self.lines(bytes)
            #expect(text.isBroken && text.encoding == .utf16LE && text.lines.isEmpty)
        }
    }

    /// A UTF-8 listing with one byte broken keeps its accents: read as UTF-8, not Windows-1252.
    @Test func aUTF8ListingWithABrokenByteStaysUTF8() {
        var bytes = Fixtures.bytes(Fixtures.posterSession)
        bytes.insert(0xE9, at: bytes.firstIndex(of: 0x0A)! + 4)
        let text = Self.lines(bytes)
        #expect(text.encoding == .utf8)
        #expect(text.lines.filter { !$0.isValidUTF8 }.map(\.number) == [2])
        #expect(text.lines.contains { $0.text.contains("Gérard Biau") })
    }
}

import Foundation
import Testing
@testable import DigestCore

/// Dates and authors' sort keys are read over bytes in every build; each must say what its
/// definition over words says.
@Suite struct DatesAndNameKeysTests {
    /// Every text of ten characters from digits, `-` and a few others, in the shapes near a date,
    /// and the days of four years: read, checked and shown as by splitting on `-`.
    @Test func isoDatesAreReadAsTheirParts() {
        var texts: [String] = []
        for year in ["2024", "2023", "1900", "2000", "0999"] {
            for month in 0...13 { for day in 0...32 { texts.append(year + "-" + pad(month) + "-" + pad(day)) } }
        }
        texts += ["2024-1-05", "2024-01-5", "24-01-05", "2024/01/05", "2024-01-05 ", " 2024-01-05", "2024-0a-05",
                  "２０２４-01-05", "2024-01-05T00", "", "-", "----------", "2024-01--5"]
        var calendarDays = 0
        for text in texts {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            let byParts: (Int, Int, Int)? = parts.count == 3 && parts[0].utf8.count == 4 && parts[1].utf8.count == 2 && parts[2].utf8.count == 2
                && text.utf8.allSatisfy({ $0 == 0x2D || ($0 >= 0x30 && $0 <= 0x39) })
                ? (Int(parts[0])!, Int(parts[1])!, Int(parts[2])!) : nil
            let read = LineShape.isoDate(text)
            #expect(read.map { [$0.year, $0.month, $0.day] } == byParts.map { [$0.0, $0.1, $0.2] }, "\(text)")
            let exists = byParts.map { Calendar(identifier: .gregorian).date(from: DateComponents(year: $0.0, month: $0.1, day: $0.2)).map {
                Calendar(identifier: .gregorian).dateComponents([.month, .day], from: $0) == DateComponents(month: byParts!.1, day: byParts!.2)
            } ?? false } ?? false
            #expect(RecordCheck.isCalendarDate(text) == exists, "\(text)")
            if exists { calendarDays += 1 }
            let shown = byParts.flatMap { (1...12).contains($0.1) ? "\($0.2) \(LineShape.monthNames[$0.1 - 1]) \(parts[0])" : nil } ?? text
            #expect(SiteRenderer.displayDate(text) == shown, "\(text)")
        }
        #expect(calendarDays == 366 + 365 + 365 + 366 + 365)
    }

    /// Texts that splitting on `-` used to let through: no date.
    @Test func onlyTheExactShapeIsADate() {
        for text in ["-2024-01-05", "2024--01-05", "2024-01-05-", "+202-01-05", "2024-+1-05"] {
            #expect(LineShape.isoDate(text) == nil && !RecordCheck.isCalendarDate(text), "\(text)")
        }
    }

    /// An author's sort key is the family name (the last word) first, as joining the words
    /// split on spaces gave it, for names with runs of spaces, spaces at the ends, tabs and
    /// letters beyond ASCII.
    @Test(arguments: ["Ada Lovelace", "Ada  King  Lovelace", " Ada Lovelace ", "Lovelace", "", "   ", "Ada\tLovelace",
                      "Zoë van der Berg", "李 小龙", "A. B. C.", "Jean-Luc Picard", " x", "x ", "a b\u{A0}c"])
    func sortKeysPutTheFamilyNameFirst(name: String) {
        let words = name.split(separator: " ")
        let family = words.last.map(String.init) ?? name
        let joined = TextNormalization.identityKey(family + " " + words.dropLast().joined(separator: " "))
        let author = Author(id: "x", name: name, papers: [])
        #expect(author.sortKey == joined, "\(name.debugDescription)")
    }

    /// The A–Z index's letter for an author, found from an ASCII name's bytes, is their sort
    /// key's first character upper-cased, or `#` for a digit, for a key with none, and for a
    /// character that is no letter.
    @Test(arguments: ["Ada Lovelace", "Ada  King  Lovelace", " Ada Lovelace ", "Lovelace", "", "   ", "Ada\tLovelace",
                      "Zoë van der Berg", "Émile Zola", "李 小龙", "A. B. C.", "Jean-Luc Picard", " x", "x ", "a b\u{A0}c",
                      "Ada O'Brien", "Ada 'Brien", "Ada 3M", "Ada ...", "... Lovelace", "--", "Ada -x", "Ada\tX", "ada lovelace"])
    func anIndexLetterIsTheSortKeysFirst(name: String) {
        let letter = Author.sortKey(of: name).first.map { $0.isLetter ? String($0).uppercased() : "#" } ?? "#"
        #expect(Author.initial(of: name) == letter, "\(name.debugDescription)")
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

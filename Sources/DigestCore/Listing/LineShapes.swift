/// Small judgements about single lines that several parsers share.
enum LineShape {
    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
        "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
        "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    ]

    /// `Jul 20, 2024`, `Sep 28`, `Sep 28 2` (2 upvotes), `Sep 25, 2024 4`.
    static func dateLine(_ text: String) -> (date: ListingDate, upvotes: Int?)? {
        // The longest is `September 30, 2024 99999`; most lines are titles and abstracts.
        guard text.utf8.count <= 28, let first = text.utf8.first, first >= 0x41, first <= 0x5A else { return nil }
        // Its words found over bytes (splitting the String into Substrings was most of reading
        // a daily-papers listing's dates). A date line is ASCII, and no line with another
        // character in it reads as one: no such word lowercases to a month or parses as a number.
        var text = text
        return text.withUTF8 { bytes -> (date: ListingDate, upvotes: Int?)? in
            var parts: [Range<Int>] = []
            var i = 0
            while i < bytes.count {
                guard bytes[i] < 0x80 else { return nil }
                if bytes[i] == 0x20 { i += 1; continue }
                let start = i
                while i < bytes.count, bytes[i] != 0x20 { guard bytes[i] < 0x80 else { return nil }; i += 1 }
                parts.append(start..<i)
            }
            guard parts.count >= 2, parts.count <= 4 else { return nil }
            func word(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            guard let month = months[word(parts[0]).lowercased().trimmingSuffix(".")] else { return nil }
            let dayHasComma = bytes[parts[1].upperBound - 1] == UInt8(ascii: ",")
            guard let day = Int(word(parts[1].lowerBound..<(parts[1].upperBound - (dayHasComma ? 1 : 0)))), (1...31).contains(day) else { return nil }
            var year: Int?
            var upvotes: Int?
            var rest = parts.dropFirst(2)
            if let next = rest.first, let value = Int(word(next)), next.count == 4, dayHasComma || (1900...2100).contains(value) {
                year = value
                rest = rest.dropFirst()
            } else if dayHasComma {
                return nil  // `Sep 28,` must be followed by a year
            }
            if let next = rest.first {
                guard let value = Int(word(next)), value >= 0, rest.count == 1 else { return nil }
                upvotes = value
            }
            guard isValid(year: year ?? 2000, month: month, day: day) else { return nil }
            return (ListingDate(year: year, month: month, day: day), upvotes)
        }
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        let days = [31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(month) && day >= 1 && day <= days[month - 1]
    }

    /// Running text rather than a title or a name: long, or a sentence of some length.
    static func isProse(_ text: String) -> Bool {
        if text.utf8.count >= 200 { return true }
        let words = TextNormalization.wordCount(text, upTo: 25)
        if words >= 25 { return true }
        guard let last = text.unicodeScalars.last else { return false }
        return words >= 8 && (last == "." || last == "!")
    }

    /// Could this line be a title? Titles are one short line that is not a sentence.
    static func isTitleLike(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 300 && !isProse(text)
    }

    /// Lower-case words a family name may hold.
    static let particles: Set<String> = ["van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "le", "la", "bin", "al", "ten", "dos", "das"]

    /// One person's name, as a poster session gives a single author without a ` · `:
    /// a few words, each capitalised (or a particle such as `van`), no digits or colon.
    static func isPersonName(_ text: String) -> Bool {
        guard text.utf8.count <= 60 else { return false }
        let words = text.split(separator: " ")
        guard (2...5).contains(words.count) else { return false }
        for word in words {
            if particles.contains(String(word)) { continue }
            guard let first = word.unicodeScalars.first, first.properties.isUppercase else { return false }
            for s in word.unicodeScalars where !(s.properties.isAlphabetic || s == "." || s == "-" || s == "'" || s == "\u{2019}") {
                return false
            }
        }
        return true
    }

    /// An author line of a poster session: names separated by ` · ` (space, U+00B7, space),
    /// each a few words. A byte search: this runs on every line of every listing, abstracts
    /// included, during format detection.
    static func isAuthorList(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            func isName(_ start: Int, _ end: Int) -> Bool {
                end - start <= 80 && TextNormalization.wordCount(UnsafeBufferPointer(rebasing: bytes[start..<end]), upTo: 9) <= 8
            }
            var separated = false
            var start = 0
            var i = 0
            while i + 4 <= bytes.count {
                // A name is at most 80 bytes: past that, no separator can save the line (an
                // abstract is ruled out in its first 80 bytes, not searched to its end).
                if i - start > 80 { return false }
                if isNameSeparator(at: i, in: bytes) {
                    guard isName(start, i) else { return false }
                    separated = true
                    i += 4
                    start = i
                } else {
                    i += 1
                }
            }
            return separated && isName(start, bytes.count)
        }
    }

    /// Does the line hold ` · `?
    static func containsNameSeparator(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= 4 else { return false }
            return (0...(bytes.count - 4)).contains { isNameSeparator(at: $0, in: bytes) }
        }
    }

    /// ` · ` (space, U+00B7 as C2 B7, space) at `i`, which has four bytes after it.
    private static func isNameSeparator(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes[i + 1] == 0xC2 && bytes[i + 2] == 0xB7 && bytes[i] == 0x20 && bytes[i + 3] == 0x20
    }

    static func authors(in text: String) -> [String] {
        if let names = asciiAuthors(in: text) { return names }
        return text.split(separator: "·").map { TextNormalization.clean(String($0)) }.filter { !$0.isEmpty }
    }

    /// `authors(in:)` of a line that is ASCII but for its `·` (C2 B7), split by bytes: there a
    /// `·` is a character of its own (nothing after it can combine with it), and the names,
    /// cut of the spaces around them, are most often clean already. nil for any other line.
    private static func asciiAuthors(in text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var names: [String] = []
            var start = 0
            var i = 0
            func add(_ end: Int) {
                var (from, to) = (start, end)
                while from < to, bytes[from] == 0x20 { from += 1 }
                while to > from, bytes[to - 1] == 0x20 { to -= 1 }
                let name = TextNormalization.clean(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self))
                if !name.isEmpty { names.append(name) }
            }
            while i < bytes.count {
                if bytes[i] < 0x80 { i += 1; continue }
                guard bytes[i] == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xB7 else { return nil }
                add(i)
                i += 2
                start = i
            }
            add(bytes.count)
            return names
        }
    }

    /// Does an abstract continue on this line (a wrapped line), rather than a new one start?
    static func continues(_ previous: String, with next: String) -> Bool {
        if let first = next.unicodeScalars.first, first.properties.isLowercase { return true }
        guard let last = previous.unicodeScalars.last else { return true }
        return !(last == "." || last == "!" || last == "?" || last == ")" || last == "\"" || last == "]")
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

extension LineShape {
    /// `YYYY-MM-DD` read as its numbers, whether or not that day exists; nil for any other text.
    /// (Over bytes where the String has them: a split into Substrings was 5,000 instructions a
    /// date, for every record and every list item of a build; the bytes through the view's
    /// iterator, 66 a byte.)
    static func isoDate(_ text: String) -> (year: Int, month: Int, day: Int)? {
        text.withUTF8Bytes { bytes in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var number = 0
                for i in range {
                    guard bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") else { return nil }
                    number = number * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                }
                return number
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return (year, month, day)
        }
    }
}

extension LineShape {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

/// Where each part of the search index lives under `search/`: the builder writes these files,
/// `digest search` and `templates/assets/search.js` find them by the same rules.
///
/// - `manifest.json` — a few numbers, the same size for ten papers or a million;
/// - `t/<n>.json` — term buckets: each term (hashed, FNV-1a 32 mod `termBuckets`) with its
///   postings, best first: `[paper, score, paper, score, …]`;
/// - `p/<key>.json`, `s/<key>.json` — the words that begin (`p`) or end (`s`) with a key of three
///   characters: `[[term, papers], …]`, for prefix search and typo tolerance; two-character keys
///   hold only the most common words that begin with them;
/// - `f/<n>.json` — filter buckets: `tag:…`, `author:…`, `year:…`, `venue:…` with every paper
///   they hold, ascending and delta-coded;
/// - `d/<n>.json` — what a result shows, `block` papers per file;
/// - `facets.json` — the tags, years and venues a reader can filter by;
/// - with `--links files`, each file also as a script (`.js`) that hands its JSON to
///   `PaperDigestSearch.shard`: browsers load scripts from disk, but do not fetch there.
/// Papers are numbered as `number` says: the dated from the oldest, then the undated. A
/// listing's papers — the newest, or undated — take new numbers and leave the others' as they
/// were, and with them most term buckets and display files. Where scores tie, and for a query
/// of filters alone, the newer paper comes first (the one whose `number` as a place is lower).
public enum SearchLayout {
    public static let folder = "search/"
    public static let manifest = "search/manifest.json"
    public static let facets = "search/facets.json"
    /// Papers per display file: a page of ten results reads at most ten files of about a
    /// kilobyte (blocks of four made the first query's display data twice as heavy).
    public static let block = 2
    /// Postings kept per term, best first: beyond them a word is too common to decide a ranking.
    public static let postingsPerTerm = 300
    /// Words listed in a two-character prefix file.
    public static let shortPrefixWords = 64
    /// What a term or filter bucket aims to weigh, in bytes. A one-word query reads about five
    /// term buckets (the word, its completions): at 4 KB the first query at 100k papers read
    /// 21 KB of them, at 2 KB 15 KB (a common word's 300 postings alone are about 3 KB).
    static let bucketBytes = 2000

    /// The number of the paper at `place` in the site's newest-first order, whose first
    /// `dated` papers have a date (the undated come after every day): the dated are numbered
    /// from the oldest, then the undated follow in the site's order. Its own inverse: the
    /// place of the paper numbered `place`. (Numbered newest first, as they were, a listing's
    /// papers moved every number, so every term bucket and display file; from the oldest alone,
    /// a listing of undated papers — a poster session's — did.)
    public static func number(_ place: Int, dated: Int) -> Int { place < dated ? dated - 1 - place : place }

    // (Each path in one piece: a rebuild names every term bucket and display file of the
    // index, 72k at 100k papers, and three appends each were 66M instructions.)
    /// The folders of the term buckets and of the vocabulary files (by prefix, by suffix).
    static var termFolder: StaticString { "search/t/" }
    static var prefixFolder: StaticString { "search/p/" }
    static var suffixFolder: StaticString { "search/s/" }

    public static func termFile(_ bucket: Int) -> String { String(termFolder, String(bucket), ".json") }
    public static func filterFile(_ bucket: Int) -> String { String("search/f/", String(bucket), ".json") }
    public static func displayFile(_ block: Int) -> String { String("search/d/", String(block), ".json") }
    public static func prefixFile(_ key: String) -> String { String(prefixFolder, fileName(key), ".json") }
    public static func suffixFile(_ key: String) -> String { String(suffixFolder, fileName(key), ".json") }

    /// `0..<count` in the order of their decimal texts — 0, 1, 10, 100, …, 11, …, 2, … — the
    /// order of the paths of the files numbered so: the files a rebuild takes as the site has
    /// them are listed in that order, not sorted by path (80k paths at 100k papers).
    static func numbersInPathOrder(_ count: Int) -> [Int] {
        guard count > 0 else { return [] }
        var order = [0]  // ("0" before every other: no other number's text starts with 0)
        order.reserveCapacity(count)
        var n = 1
        while order.count < count {
            order.append(n)
            if n * 10 < count {
                n *= 10  // its first number after it: "1" then "10"
            } else {
                // The next text: past every number it begins, or on to the next digit.
                while n % 10 == 9 || n + 1 >= count { n /= 10 }
                n += 1
            }
        }
        return order
    }

    /// The filter keys of an author's name, the same for the index and a query's `author:`:
    /// one per word of two characters or more (`author:zhai`), so a surname alone finds them.
    public static func authorFilters(_ name: String) -> [String] {
        if let filters = asciiAuthorFilters(name) { return filters }
        return SearchTokenizer.key(name).split(separator: "-").filter { $0.unicodeScalars.count >= 2 }.map { "author:" + $0 }
    }

    /// The same for an ASCII name (most), each filter made from the name's bytes at once: its
    /// runs of letters and digits (`SearchTokenizer.asciiWords`), lowercased. Nil for any other
    /// name. (The search index asks this of every person's name when it makes its filters:
    /// through the words as Strings, split from the name, 8k instructions a name, 155k names at
    /// 100k papers.)
    static func asciiAuthorFilters(_ name: String) -> [String]? {
        name.withUTF8Bytes { bytes -> [String]? in
            let prefix = "author:".utf8
            var filters: [String] = []
            var start = 0
            for end in 0...bytes.count {
                if end < bytes.count {
                    guard bytes[end] < 0x80 else { return nil }
                    if SearchTokenizer.isASCIIWord(bytes[end]) { continue }
                }
                if end - start >= 2 {
                    filters.append(String(unsafeUninitializedCapacity: prefix.count + end - start) { out in
                        _ = out.initialize(fromContentsOf: prefix)
                        for (k, byte) in bytes[start..<end].enumerated() { out[prefix.count + k] = byte.asciiLowercased }
                        return prefix.count + end - start
                    })
                }
                start = end + 1
            }
            return filters
        }
    }

    /// The script twin of an index file, for reading the site from disk.
    public static func script(_ file: (path: String, bytes: [UInt8])) -> (path: String, bytes: [UInt8]) {
        let json = file.bytes.last == UInt8(ascii: "\n") ? file.bytes.dropLast() : file.bytes[...]
        return (scriptPath(file.path), Array("PaperDigestSearch.shard(\(Escape.jsonString(file.path)), ".utf8) + json + Array(");\n".utf8))
    }

    /// The same for a file taken as the site has it (no bytes): its twin is taken too.
    static func script(_ file: (path: String, bytes: [UInt8]?)) -> (path: String, bytes: [UInt8]?) {
        guard let bytes = file.bytes else { return (scriptPath(file.path), nil) }
        let twin = script((path: file.path, bytes: bytes))
        return (twin.path, twin.bytes)
    }

    static func scriptPath(_ path: String) -> String { String(path.dropLast(".json".count)) + ".js" }

    public static func bucket(_ term: String, of count: Int) -> Int {
        Int(FNV1a.hash(term.utf8) % UInt32(max(count, 1)))
    }

    /// The prefix file a word's completions and near-misses are in: its first three characters,
    /// or both when it has two.
    public static func prefixKey(_ term: String) -> String? {
        let scalars = term.unicodeScalars
        guard scalars.count >= 2 else { return nil }
        return leading(3, of: term)
    }

    /// The first `n` scalars of `term` (all when it has fewer), copied as one slice: a
    /// `UnicodeScalarView` made of them, a scalar at a time, cost ~3,400 instructions a
    /// word, 0.3 billion for the vocabulary files of a 100k site in every build.
    static func leading(_ n: Int, of term: String) -> String {
        let scalars = term.unicodeScalars
        return String(scalars[..<(scalars.index(scalars.startIndex, offsetBy: n, limitedBy: scalars.endIndex) ?? scalars.endIndex)])
    }

    /// Words of four characters or more are listed under their last three.
    public static func suffixKey(_ term: String) -> String? {
        let scalars = term.unicodeScalars
        guard scalars.count >= 4 else { return nil }
        return String(scalars[scalars.index(scalars.endIndex, offsetBy: -3)...])
    }

    /// Keys of ASCII letters and digits name their file; any other key is written as `x` and its
    /// UTF-8 bytes in hex (never shorter than five characters, so the two cannot meet).
    static func fileName(_ key: String) -> String {
        if key.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }) { return key }
        return "x" + key.utf8.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

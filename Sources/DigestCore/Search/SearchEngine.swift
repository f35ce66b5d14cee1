import Foundation

/// A query against a built index, step for step as `templates/assets/search.js` does it, so
/// `digest search` ranks as the browser does (a browser test compares the two). It reads the
/// index's files through `read` and counts them, which is what a browser would download.
public final class SearchEngine {
    public struct Result: Sendable {
        public let paper: Int
        public let path: String
        public let title: String
        public let byline: String
        public let date: String
        public let venue: String
        public let snippet: String
        public let tags: [String]
    }

    /// Weights of a word found other than as typed: completions of the last word, near-misses.
    static let completionWeight = 0.6
    static let typoWeight = 0.5
    static let expansions = 3

    let read: (String) -> [UInt8]?
    let manifest: [String: Int]
    private var cache: [String: Any] = [:]
    public private(set) var filesRead: [String] = []
    public private(set) var bytesRead = 0

    /// `read` answers a path under the site (`search/manifest.json`) with the file's bytes.
    public init?(read: @escaping (String) -> [UInt8]?) {
        self.read = read
        guard let bytes = read(SearchLayout.manifest),
              let manifest = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Int] else { return nil }
        self.manifest = manifest
        filesRead = [SearchLayout.manifest]
        bytesRead = bytes.count
    }

    /// Papers for the query, best first (newest first when it has only filters).
    public func search(_ query: String) -> [Int] {
        let (text, filters) = Self.parse(query)
        var terms = SearchTokenizer.tokens(text)
        if terms.isEmpty { terms = SearchTokenizer.tokens(text, dropStopWords: false) }
        let pairs = Array(Set(SearchTokenizer.pairs(terms))).sorted()
        var seen = Set<String>()
        terms = terms.filter { seen.insert($0).inserted }
        let prefixLast = text.unicodeScalars.last.map(SearchTokenizer.isWordScalar) ?? false

        var allowed: Set<Int>? = nil
        for filter in filters {
            let papers = Set(filterPapers(filter))
            allowed = allowed.map { $0.intersection(papers) } ?? papers
        }
        if terms.isEmpty {
            return allowed.map { $0.sorted { place($0) < place($1) } } ?? []
        }
        var bests: [[Int: Double]] = []
        for (i, term) in terms.enumerated() {
            var best: [Int: Double] = [:]
            for (word, weight) in expand(term, last: i == terms.count - 1 && prefixLast) {
                let list = postings(word)
                var k = 0
                while k + 1 < list.count {
                    let value = weight * Double(list[k + 1])
                    if value > best[list[k], default: 0] { best[list[k]] = value }
                    k += 2
                }
            }
            bests.append(best)
        }
        // A pair of neighbouring query words found whole: the paper has both words (even where
        // a common word's own postings were cut before it), and the pair's score counts too.
        var pairScores: [[Int: Double]] = []
        for pair in pairs {
            let words = pair.split(separator: " ").map(String.init)
            guard let a = terms.firstIndex(of: words[0]), let b = terms.firstIndex(of: words[1]) else { continue }
            let list = postings(pair)
            var scores: [Int: Double] = [:]
            var k = 0
            while k + 1 < list.count {
                scores[list[k]] = Double(list[k + 1])
                if bests[a][list[k]] == nil { bests[a][list[k]] = 0 }
                if bests[b][list[k]] == nil { bests[b][list[k]] = 0 }
                k += 2
            }
            pairScores.append(scores)
        }
        var matched: [Int: Int] = [:]
        var total: [Int: Double] = [:]
        for best in bests {
            for (paper, value) in best {
                matched[paper, default: 0] += 1
                total[paper, default: 0] += value
            }
        }
        for scores in pairScores { for (paper, value) in scores { total[paper, default: 0] += value } }
        var ranked = Array(matched.keys)
        if let allowed { ranked = ranked.filter(allowed.contains) }
        return ranked.sorted {
            matched[$0]! != matched[$1]! ? matched[$0]! > matched[$1]! :
            total[$0]! != total[$1]! ? total[$0]! > total[$1]! : place($0) < place($1)
        }
    }

    /// The place in the site's newest-first order of the paper numbered `paper` (`SearchLayout.number`).
    func place(_ paper: Int) -> Int { SearchLayout.number(paper, dated: manifest["dated"] ?? 0) }

    /// What each paper shows in a result list.
    public func display(_ paper: Int) -> Result? {
        let block = manifest["block"] ?? SearchLayout.block
        guard let entries = json(SearchLayout.displayFile(paper / block)) as? [[Any]], paper % block < entries.count else { return nil }
        let e = entries[paper % block]
        func s(_ i: Int) -> String { e.count > i ? (e[i] as? String ?? "") : "" }
        return Result(paper: paper, path: s(0), title: s(1), byline: s(2), date: s(3), venue: s(4), snippet: s(5),
                      tags: e.count > 6 ? (e[6] as? [String] ?? []) : [])
    }

    static let filterPattern = try! NSRegularExpression(pattern: #"(tag|author|year|venue):(?:"([^"]*)"|(\S+))"#, options: .caseInsensitive)

    /// `tag:`, `author:`, `year:` and `venue:` filters out of the query; the rest is text.
    public static func parse(_ query: String) -> (text: String, filters: [String]) {
        let pattern = filterPattern
        let ns = query as NSString
        var filters: [String] = []
        for match in pattern.matches(in: query, range: NSRange(location: 0, length: ns.length)) {
            let kind = ns.substring(with: match.range(at: 1)).lowercased()
            let value = match.range(at: 2).location != NSNotFound ? ns.substring(with: match.range(at: 2)) : ns.substring(with: match.range(at: 3))
            let key = SearchTokenizer.key(value)
            if kind == "author" {
                filters += SearchLayout.authorFilters(value)
            } else if !key.isEmpty {
                filters.append(kind + ":" + key)
            }
        }
        let text = pattern.stringByReplacingMatches(in: query, range: NSRange(location: 0, length: ns.length), withTemplate: " ")
        return (text, filters)
    }

    /// The words a query word stands for, with their weights: itself when the index has it;
    /// for the word being typed, its three most common completions; when neither, the three
    /// most common of the nearest words one edit away (two for words of eight characters or more).
    func expand(_ term: String, last: Bool) -> [(String, Double)] {
        var words: [(String, Double)] = []
        if !postings(term).isEmpty { words.append((term, 1)) }
        let scalars = Array(term.unicodeScalars)
        if last, let key = SearchLayout.prefixKey(term) {
            let completions = vocabulary(SearchLayout.prefixFile(key))
                .filter { $0.word.unicodeScalars.count > scalars.count && $0.word.unicodeScalars.starts(with: scalars) }
                .sorted { $0.papers != $1.papers ? $0.papers > $1.papers : $0.word < $1.word }
                .prefix(Self.expansions)
            words += completions.map { ($0.word, Self.completionWeight) }
        }
        guard words.isEmpty, scalars.count >= 3 else { return words }
        var candidates = vocabulary(SearchLayout.prefixFile(SearchLayout.prefixKey(term)!))
        if let key = SearchLayout.suffixKey(term) { candidates += vocabulary(SearchLayout.suffixFile(key)) }
        let limit = scalars.count >= 8 ? 2 : 1
        var near: [(word: String, papers: Int, distance: Int)] = []
        var seen = Set<String>()
        for candidate in candidates where seen.insert(candidate.word).inserted {
            let other = Array(candidate.word.unicodeScalars)
            var distance = Self.editDistance(scalars, other)
            if last, other.count > scalars.count { distance = min(distance, Self.editDistance(scalars, Array(other.prefix(scalars.count)))) }
            if distance <= limit { near.append((candidate.word, candidate.papers, distance)) }
        }
        // Only the nearest: a word two edits away must not outrank one a single edit away.
        let nearest = near.map(\.distance).min() ?? 0
        near = near.filter { $0.distance == nearest }
        near.sort { ($0.distance, -$0.papers) != ($1.distance, -$1.papers) ? ($0.distance, -$0.papers) < ($1.distance, -$1.papers) : $0.word < $1.word }
        return near.prefix(Self.expansions).map { ($0.word, Self.typoWeight / Double($0.distance)) }
    }

    /// Edits between two words, a swap of neighbours counting as one (optimal string alignment).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    func postings(_ term: String) -> [Int] {
        let file = SearchLayout.termFile(SearchLayout.bucket(term, of: manifest["termBuckets"] ?? 1))
        return ((json(file) as? [String: Any])?[term] as? [Int]) ?? []
    }

    func filterPapers(_ key: String) -> [Int] {
        let file = SearchLayout.filterFile(SearchLayout.bucket(key, of: manifest["filterBuckets"] ?? 1))
        var paper = 0
        return (((json(file) as? [String: Any])?[key] as? [Int]) ?? []).map { paper += $0; return paper }
    }

    func vocabulary(_ file: String) -> [(word: String, papers: Int)] {
        ((json(file) as? [[Any]]) ?? []).compactMap { entry in
            guard entry.count == 2, let word = entry[0] as? String, let papers = entry[1] as? Int else { return nil }
            return (word, papers)
        }
    }

    /// A file of the index, read once; a file that is not there is empty (as a 404 is to the browser).
    func json(_ path: String) -> Any? {
        if let known = cache[path] { return known }
        filesRead.append(path)
        let bytes = read(path)
        bytesRead += bytes?.count ?? 0
        let value = bytes.flatMap { try? JSONSerialization.jsonObject(with: Data($0)) } ?? NSNull()
        cache[path] = value
        return value
    }
}

import Foundation
import Yams

/// Tags from phrases: which tag a paper's title and abstract signal. Built once per run and
/// shared: phrases are matched whole-word on the texts' identity keys (case, accents and
/// punctuation folded), so `LLMs,` and `llms` are the same word.
public struct TagVocabulary: Sendable {
    public struct Entry: Sendable {
        public let tag: String
        /// Each phrase as its identity key, padded with spaces for whole-word search.
        let phrases: [String]
    }

    public let entries: [Entry]
    /// Every phrase and every phrase's leading words (`large`, `large language`, …), as the bytes
    /// of their identity keys: a run of words is extended only while it can still become a
    /// phrase, so most words cost one lookup, in place in the text's key.
    let prefixes: TermTable
    /// By prefix id: the entries whose phrase it is (none for a prefix only).
    let phraseEntries: [[Int]]
    /// The first words of the phrases, as `FirstWords` sketches them.
    let firstWords: FirstWords
    static let titleWeight = 3
    static let threshold = 3
    static let maxTags = 4

    public init(entries: [(tag: String, phrases: [String])]) {
        self.entries = entries.map { tag, phrases in
            Entry(tag: Slug.make(tag), phrases: Array(Set(phrases.map { TextNormalization.identityKey($0) }.filter { !$0.isEmpty })).sorted())
        }
        var prefixes = TermTable()
        var phraseEntries: [[Int]] = []
        var firstWords = FirstWords()
        for (n, entry) in self.entries.enumerated() {
            for phrase in entry.phrases {
                let words = phrase.split(separator: " ")
                firstWords.insert(words[0])
                for count in 1...words.count {
                    let id = Int(prefixes.id(words.prefix(count).joined(separator: " ")))
                    if id == phraseEntries.count { phraseEntries.append([]) }
                    if count == words.count { phraseEntries[id].append(n) }
                }
            }
        }
        self.prefixes = prefixes
        self.phraseEntries = phraseEntries
        self.firstWords = firstWords
    }

    /// Each of the vocabulary's phrases (by prefix id) that occurs as whole words in a text's
    /// identity key, each time it occurs: from each word, runs of words are looked up while
    /// they are the start of some phrase, instead of searching the text for each phrase.
    func forEachPhrase(inKey key: String, _ found: (Int32) -> Void) {
        var key = key
        key.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                let next = end + 1
                // Most words start no phrase, and the sketch says so without hashing them.
                if firstWords.mayContain(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                    while true {
                        guard let id = prefixes.find(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { break }
                        if !phraseEntries[Int(id)].isEmpty { found(id) }
                        guard end < bytes.count else { break }
                        end += 1
                        while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                    }
                }
                start = next
            }
        }
    }

    public static let standard: TagVocabulary = try! parse(DefaultVocabulary.yaml, file: "default vocabulary")

    public static let fileName = "tags.yml"

    /// The site's `tags.yml`, or the vocabulary shipped with digest.
    public static func load(siteFolder: String) throws(ConfigError) -> TagVocabulary {
        let path = SitePaths(root: siteFolder).path(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return standard }
        do {
            return try parse(String(decoding: data, as: UTF8.self), file: path)
        } catch {
            throw ConfigError(diagnostic: Diagnostic(file: path, line: nil, .error, "\(error)"))
        }
    }

    static func parse(_ yaml: String, file: String) throws -> TagVocabulary {
        guard case .mapping(let mapping)? = try Yams.compose(yaml: yaml) else {
            throw ConfigError(diagnostic: Diagnostic(file: file, line: 1, .error, "expected `tag: [phrases]` lines"))
        }
        var entries: [(String, [String])] = []
        for (key, value) in mapping {
            guard let tag = key.string else { continue }
            let phrases = value.sequence?.compactMap(\.string) ?? value.string.map { [$0] } ?? []
            entries.append((tag, phrases + [tag.replacingOccurrences(of: "-", with: " ")]))
        }
        return TagVocabulary(entries: entries.map { (tag: $0.0, phrases: $0.1) })
    }

    /// The facts with their tags, from their title's and abstract's keys (`PaperFacts.textKeys`).
    func tagged(_ facts: PaperFacts, keys: PaperFacts.TextKeys) -> PaperFacts {
        var tagged = facts
        tagged.tags = tags(keys)
        return tagged
    }

    /// The tags for a paper, best first: those that reach the threshold, else the best one.
    public func tags(title: String, abstract: String) -> [String] {
        tags(PaperFacts.TextKeys(title: TextNormalization.identityKey(title), abstract: TextNormalization.identityKey(abstract)))
    }

    func tags(_ keys: PaperFacts.TextKeys) -> [String] {
        // Each phrase found scores once: the title's weight when the title has it, else 1.
        // (By prefix id in an array: sets of the phrases, then their union, were a quarter of tagging.)
        var points = [Int](repeating: 0, count: phraseEntries.count)
        var found: [Int32] = []
        forEachPhrase(inKey: keys.title) { id in
            if points[Int(id)] == 0 { found.append(id) }
            points[Int(id)] = Self.titleWeight
        }
        forEachPhrase(inKey: keys.abstract) { id in
            if points[Int(id)] == 0 { found.append(id); points[Int(id)] = 1 }
        }
        var scores = [Int](repeating: 0, count: entries.count)
        for phrase in found {
            for entry in phraseEntries[Int(phrase)] { scores[entry] += points[Int(phrase)] }
        }
        var scored = scores.enumerated().filter { $0.element > 0 }.map { (tag: entries[$0.offset].tag, score: $0.element) }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.tag < $1.tag }
        let strong = scored.filter { $0.score >= Self.threshold }.prefix(Self.maxTags)
        return (strong.isEmpty ? Array(scored.prefix(1)) : Array(strong)).map(\.tag).sorted()
    }
}

/// A sketch of a set of words that can say "not in it" for most other words at the cost of a
/// bit test: a bit for each length (up to 31) with first and last byte (their low five bits:
/// the letters' places in the alphabet). A word whose bit is clear is not in the set; one whose
/// bit is set may be.
struct FirstWords: Sendable {
    private var bits = [UInt64](repeating: 0, count: (1 << 15) / 64)

    mutating func insert(_ word: Substring) {
        var word = String(word)
        word.withUTF8 { let bit = Self.bit($0); bits[bit >> 6] |= 1 << UInt64(bit & 63) }
    }

    @inline(__always) func mayContain(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let bit = Self.bit(word)
        return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    @inline(__always) private static func bit(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = word.first, let last = word.last else { return 0 }
        return min(word.count, 31) << 10 | Int(first & 31) << 5 | Int(last & 31)
    }
}

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
    static let titleWeight = 3
    static let threshold = 3
    static let maxTags = 4

    public init(entries: [(tag: String, phrases: [String])]) {
        self.entries = entries.map { tag, phrases in
            Entry(tag: Slug.make(tag), phrases: Array(Set(phrases.map { " " + TextNormalization.identityKey($0) + " " })).sorted())
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

    func tagged(_ facts: PaperFacts) -> PaperFacts {
        var tagged = facts
        tagged.tags = tags(title: facts.title, abstract: facts.abstract)
        return tagged
    }

    /// The tags for a paper, best first: those that reach the threshold, else the best one.
    public func tags(title: String, abstract: String) -> [String] {
        let titleKey = " " + TextNormalization.identityKey(title) + " "
        let abstractKey = " " + TextNormalization.identityKey(abstract) + " "
        var scored: [(tag: String, score: Int)] = []
        for entry in entries {
            var score = 0
            for phrase in entry.phrases {
                if titleKey.contains(phrase) { score += Self.titleWeight } else if abstractKey.contains(phrase) { score += 1 }
            }
            if score > 0 { scored.append((entry.tag, score)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.tag < $1.tag }
        let strong = scored.filter { $0.score >= Self.threshold }.prefix(Self.maxTags)
        return (strong.isEmpty ? Array(scored.prefix(1)) : Array(strong)).map(\.tag).sorted()
    }
}

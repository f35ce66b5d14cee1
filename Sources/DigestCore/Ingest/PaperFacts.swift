import Yams

/// Where a record's facts came from: a listing file and the line the paper starts on.
public struct SourceRef: Sendable, Hashable, Comparable, Codable {
    public var listing: String
    public var line: Int
    public static func < (a: SourceRef, b: SourceRef) -> Bool { (a.listing, a.line) < (b.listing, b.line) }
}

/// The facts ingest knows about one paper: what a listing says, normalised, or several
/// listings' worth merged. These are the only record fields ingest ever writes.
public struct PaperFacts: Sendable, Equatable {
    public var title: String
    public var titleInferred = false
    public var authors: [String] = []
    public var authorCount: Int?
    public var organization: String?
    public var affiliation: String?
    /// ISO `YYYY-MM-DD`.
    public var date: String?
    public var upvotes: Int?
    public var venue: String?
    public var session: String?
    public var room: String?
    public var abstract: String {
        get { abstractText.text }
        set { abstractText = AbstractText(newValue) }
    }
    /// (Taken from the paper cache, its bytes there: see `AbstractText`.)
    var abstractText = AbstractText("")
    /// Set from the tag vocabulary after merging, never by a listing.
    public var tags: [String] = []
    public var sources: [SourceRef] = []

    public init(title: String) { self.title = title }

    /// One paper's facts from several listings. The result does not depend on the order the
    /// listings were read in: each fact comes from the earliest source (by listing name and
    /// line) that has it, except where a rule says better — a real title beats an inferred
    /// one, an author list beats a count, the most upvotes and the longest abstract win.
    public static func merge(_ facts: [PaperFacts]) -> PaperFacts {
        // Ingest hands the facts over in order of their sources already: a check spares the sort.
        let before = { (a: PaperFacts, b: PaperFacts) in (a.sources.first ?? SourceRef(listing: "", line: 0)) < (b.sources.first ?? SourceRef(listing: "", line: 0)) }
        let ordered = zip(facts, facts.dropFirst()).allSatisfy { !before($1, $0) } ? facts : facts.sorted(by: before)
        var merged = ordered.first { !$0.titleInferred } ?? ordered[0]
        // (A closure, not a key path: projecting through a key path was most of a merge.)
        func first<T>(_ value: (PaperFacts) -> T?) -> T? { ordered.lazy.compactMap(value).first }
        merged.authors = ordered.first { !$0.authors.isEmpty }?.authors ?? []
        merged.authorCount = merged.authors.isEmpty ? ordered.compactMap(\.authorCount).max() : nil
        merged.organization = first { $0.organization }
        merged.affiliation = first { $0.affiliation }
        merged.date = first { $0.date }
        merged.upvotes = ordered.compactMap(\.upvotes).max()
        merged.venue = first { $0.venue }
        merged.session = first { $0.session }
        merged.room = first { $0.room }
        // The longest in characters, the earliest of equals. Counting characters walks the whole
        // text, so each abstract is counted once at most: not when it is the one already
        // chosen, nor when it has no more bytes than that one has characters; and printable
        // ASCII (most abstracts) has as many characters as bytes.
        var length = 0
        merged.abstract = ""
        for facts in ordered where facts.abstract.utf8.count > length && facts.abstract != merged.abstract {
            let count = TextNormalization.isPrintableASCII(facts.abstract) ? facts.abstract.utf8.count : facts.abstract.count
            if count > length { (merged.abstract, length) = (facts.abstract, count) }
        }
        // Each entry's one source, in order and distinct as a rule: then already the result.
        let sources = ordered.flatMap(\.sources)
        merged.sources = zip(sources, sources.dropFirst()).allSatisfy { $0 < $1 } ? sources : Array(Set(sources)).sorted()
        return merged
    }

    /// The keys that say two entries are the same paper: its title (unless inferred) and
    /// its abstract (when long enough to be telling); an inferred title with the line it
    /// was read at.
    public var identityKeys: [String] { identityKeys(textKeys) }

    /// Whether a key is made from the paper's sources as well as its text: facts merged from
    /// several entries have other such keys than each entry has.
    static func keyNamesSources(_ key: String) -> Bool { key.hasPrefix("text:") || key.hasPrefix("inferred:") }

    /// `identityKeys` made from the title's and the abstract's keys, worked out already.
    func identityKeys(_ textKeys: TextKeys) -> [String] {
        var keys: [String] = []
        if !titleInferred, !textKeys.title.isEmpty { keys.append("title:" + textKeys.title) }
        if !textKeys.abstract.isEmpty, TextNormalization.wordCount(abstract, upTo: 20) >= 20 { keys.append("abstract:" + textKeys.abstract) }
        if keys.isEmpty, !(abstract.isEmpty && title.isEmpty) {
            // A few words with no title (a poster page that lost the title), or text of symbols
            // only, are too weak a key across listings, but within the listing they came from
            // they still name one paper: without this key such a paper would be added again
            // on every ingest. Text with no letters or digits counts as written.
            let (written, key) = abstract.isEmpty ? (title, textKeys.title) : (abstract, textKeys.abstract)
            for listing in Set(sources.map(\.listing)).sorted() {
                keys.append("text:\(listing):" + (key.isEmpty ? "=" + written : key))
            }
        }
        if titleInferred, !textKeys.title.isEmpty {
            // An inferred title is an abstract's opening, too weak a key across listings, and
            // its abstract is the paper's only other key: a record whose abstract was edited by
            // hand would be added again by the next ingest of its listing. With the listing and
            // line it was read at, the title the record keeps still names that one entry.
            for source in sources { keys.append("inferred:\(source.listing):\(source.line):" + textKeys.title) }
        }
        return keys
    }

    /// The title's and the abstract's `TextNormalization.identityKey`: a paper's identity keys
    /// and its tags (`TagVocabulary`) are both made from them, so they are worked out once.
    public struct TextKeys: Sendable {
        public let title: String
        public let abstract: String
    }

    public var textKeys: TextKeys {
        TextKeys(title: TextNormalization.identityKey(title), abstract: TextNormalization.identityKey(abstract))
    }

    /// `textKeys`, taken where they can be from facts with the same title or abstract: merged
    /// facts have some entry's (`merge`).
    func textKeys(among known: [(facts: PaperFacts, keys: TextKeys)]) -> TextKeys {
        TextKeys(title: known.first { $0.facts.title == title }?.keys.title ?? TextNormalization.identityKey(title),
                 abstract: known.first { $0.facts.abstract == abstract }?.keys.abstract ?? TextNormalization.identityKey(abstract))
    }
}

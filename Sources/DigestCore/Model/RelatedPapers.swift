/// The papers most like each paper: cosine similarity of TF-IDF vectors over title and
/// abstract. Scores come from an inverted index — a paper meets only the papers that share
/// one of its terms — and pruned three ways, which keeps it near-linear at 100k papers
/// instead of comparing all pairs: each paper keeps only its strongest terms, each term
/// keeps only the papers where it weighs most, and terms in over half the papers are dropped.
public enum RelatedPapers {
    static let termsPerPaper = 24
    static let postingsPerTerm = 256
    static let titleWeight: Float = 3

    public static func compute(_ papers: [Paper], count: Int = 5) -> [[Int]] {
        let docs = papers.map { terms(in: $0) }
        var df: [String: Int] = [:]
        for doc in docs { for term in doc.keys { df[term, default: 0] += 1 } }
        let n = Float(papers.count)
        let maxDF = max(2, papers.count / 2)
        // Term ids, assigned in sorted order for determinism.
        var termID: [String: Int] = [:]
        for term in df.keys.sorted() where df[term]! >= 2 && df[term]! <= maxDF { termID[term] = termID.count }

        var vectors: [[(term: Int, weight: Float)]] = []
        vectors.reserveCapacity(docs.count)
        for doc in docs {
            var v: [(term: Int, weight: Float)] = doc.compactMap { term, tf in
                guard let id = termID[term] else { return nil }
                return (id, (1 + logf(tf)) * logf(n / Float(df[term]!)))
            }
            v.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
            v = Array(v.prefix(termsPerPaper))
            let norm = sqrtf(v.reduce(0) { $0 + $1.weight * $1.weight })
            vectors.append(norm > 0 ? v.map { ($0.term, $0.weight / norm) } : [])
        }
        var postings = [[(doc: Int, weight: Float)]](repeating: [], count: termID.count)
        for (doc, v) in vectors.enumerated() { for (term, weight) in v { postings[term].append((doc, weight)) } }
        for term in postings.indices where postings[term].count > postingsPerTerm {
            postings[term].sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.doc < $1.doc }
            postings[term].removeLast(postings[term].count - postingsPerTerm)
        }

        var related: [[Int]] = []
        related.reserveCapacity(papers.count)
        var scores = [Float](repeating: 0, count: papers.count)
        var touched: [Int] = []
        for (doc, v) in vectors.enumerated() {
            for (term, weight) in v {
                for (other, w) in postings[term] where other != doc {
                    if scores[other] == 0 { touched.append(other) }
                    scores[other] += weight * w
                }
            }
            let best = touched.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.prefix(count)
            related.append(Array(best))
            for other in touched { scores[other] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        return related
    }

    static let stopwords: Set<String> = [
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "from", "at", "as", "is", "are",
        "was", "were", "be", "been", "this", "that", "these", "those", "we", "our", "it", "its", "their", "which",
        "can", "not", "but", "also", "such", "than", "more", "most", "into", "via", "has", "have", "how", "what",
        "when", "while", "however", "both", "each", "other", "between", "through", "over", "under", "all", "new",
        "show", "shows", "propose", "proposed", "paper", "approach", "method", "methods", "results", "use", "using",
        "based", "work", "well", "only", "two", "one", "first", "existing", "different", "without", "significant",
        "significantly", "performance", "model", "models", "task", "tasks", "data", "learning", "further",
    ]

    /// Terms and their counts; title terms count double.
    static func terms(in paper: Paper) -> [String: Float] {
        var counts: [String: Float] = [:]
        func add(_ text: String, weight: Float) {
            for word in TextNormalization.identityKey(text).split(separator: " ") where word.count > 2 {
                let term = stem(String(word))
                if !stopwords.contains(term) { counts[term, default: 0] += weight }
            }
        }
        add(paper.title, weight: titleWeight)
        add(paper.abstract, weight: 1)
        return counts
    }

    /// Plural and a few common endings, so `models` meets `model`.
    static func stem(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 { return String(word.dropLast()) }
        return word
    }
}

#if canImport(Glibc)
import Glibc
#endif

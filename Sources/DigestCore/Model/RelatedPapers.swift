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
        let docs = ParallelMap.run(papers.count) { terms(in: papers[$0]) }
        var df: [String: Int] = [:]
        for doc in docs { for term in doc.keys { df[term, default: 0] += 1 } }
        let n = Float(papers.count)
        let maxDF = max(2, papers.count / 2)
        // Term ids, assigned in sorted order for determinism.
        var termID: [String: Int] = [:]
        for term in df.keys.sorted() where df[term]! >= 2 && df[term]! <= maxDF { termID[term] = termID.count }

        let ids = termID, frequencies = df
        let vectors = ParallelMap.run(docs.count) { d -> [(term: Int, weight: Float)] in
            let (doc, termID, df) = (docs[d], ids, frequencies)
            var v: [(term: Int, weight: Float)] = doc.compactMap { term, tf in
                guard let id = termID[term] else { return nil }
                return (id, (1 + logf(tf)) * logf(n / Float(df[term]!)))
            }
            v.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
            v = Array(v.prefix(termsPerPaper))
            let norm = sqrtf(v.reduce(0) { $0 + $1.weight * $1.weight })
            return norm > 0 ? v.map { ($0.term, $0.weight / norm) } : []
        }
        var postings = [[(doc: Int, weight: Float)]](repeating: [], count: termID.count)
        for (doc, v) in vectors.enumerated() { for (term, weight) in v { postings[term].append((doc, weight)) } }
        for term in postings.indices where postings[term].count > postingsPerTerm {
            postings[term].sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.doc < $1.doc }
            postings[term].removeLast(postings[term].count - postingsPerTerm)
        }

        // Each paper's neighbours are independent of the others': score them on all cores,
        // a slice of papers per task with its own score array.
        let chunks = max(1, min(papers.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        let (docVectors, termPostings) = (vectors, postings)
        let parts = ParallelMap.run(chunks) { chunk -> [[Int]] in
            let range = (papers.count * chunk / chunks)..<(papers.count * (chunk + 1) / chunks)
            var scores = [Float](repeating: 0, count: papers.count)
            var touched: [Int] = []
            var out: [[Int]] = []
            out.reserveCapacity(range.count)
            for doc in range {
                for (term, weight) in docVectors[doc] {
                    for (other, w) in termPostings[term] where other != doc {
                        if scores[other] == 0 { touched.append(other) }
                        scores[other] += weight * w
                    }
                }
                out.append(top(count, of: touched, by: scores))
                for other in touched { scores[other] = 0 }
                touched.removeAll(keepingCapacity: true)
            }
            return out
        }
        return parts.flatMap { $0 }
    }

    /// The `count` best candidates, best first (ties by index), without sorting them all.
    static func top(_ count: Int, of candidates: [Int], by scores: [Float]) -> [Int] {
        var best: [Int] = []
        func better(_ a: Int, _ b: Int) -> Bool { scores[a] != scores[b] ? scores[a] > scores[b] : a < b }
        for c in candidates {
            if best.count == count, let last = best.last, !better(c, last) { continue }
            let at = best.firstIndex { better(c, $0) } ?? best.count
            best.insert(c, at: at)
            if best.count > count { best.removeLast() }
        }
        return best
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
            var key = TextNormalization.identityKey(text)
            // ASCII keys (most) are split and stemmed on bytes, where a byte is a Character.
            let ascii: Bool = key.withUTF8 { bytes in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                for word in bytes.split(separator: 0x20) where word.count > 2 {
                    let term = stemASCII(word)
                    if !stopwords.contains(term) { counts[term, default: 0] += weight }
                }
                return true
            }
            if ascii { return }
            for word in key.split(separator: " ") where word.count > 2 {
                let term = stem(String(word))
                if !stopwords.contains(term) { counts[term, default: 0] += weight }
            }
        }
        add(paper.title, weight: titleWeight)
        add(paper.abstract, weight: 1)
        return counts
    }

    /// `stem`, on the bytes of an ASCII word.
    static func stemASCII(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        func ends(_ suffix: StaticString) -> Bool {
            let k = suffix.utf8CodeUnitCount
            return word.count >= k && suffix.withUTF8Buffer { s in word.suffix(k).elementsEqual(s) }
        }
        if ends("ies"), word.count > 4 { return String(decoding: word.dropLast(3), as: UTF8.self) + "y" }
        if ends("s"), !ends("ss"), word.count > 3 { return String(decoding: word.dropLast(), as: UTF8.self) }
        return String(decoding: word, as: UTF8.self)
    }

    /// Plural and a few common endings, so `models` meets `model`.
    static func stem(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 { return String(word.dropLast()) }
        return word
    }
}

import Foundation

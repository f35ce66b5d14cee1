/// Related lists taken again when most vectors moved a little: a listing added moves the count
/// of papers, so every IDF and every weight, and at 100k papers every list was scored again
/// (3 CPU-seconds of a 150-paper listing's rebuild) to find most as they were. A paper's list
/// stands when its terms are the ones it had and the last of the scores of its papers with it
/// (made exactly, as the scoring adds them, and put in their order again) beats a bound on
/// every paper left out:
/// - a paper that was left out, whose terms are as they were and which is in no term's
///   postings it was not in, scored at most the list's ceiling then; scores are sums of
///   products of positive weights, one per shared term, and each product grew by at most the
///   paper's own weight's growth for the term times the most any steady paper's weight for it
///   grew, so its score now is under the ceiling times the largest such product of growths.
///   (The bound was first the ceiling times the most any weight of either paper moved: at
///   110k papers, a 150-paper listing had 23.2k lists scored again, 19.3k of them because
///   their last scores fell under that bound, within 0.1–0.3% of their ceilings; now 9.8k.)
/// - the other papers — new, with other terms, come into a common term's strongest postings,
///   or with weights moved more than `steadyShift` — are scored from their side against every
///   paper (`mayReach`).
/// A list whose last falls under that bound (mostly a near tie with the paper after it) has
/// its runners (`Made.runners`) scored exactly too, and stands as the best of its papers and
/// them when that best's last beats the same bound made from the score beyond the runners.
extension RelatedPapers {
    /// How much a paper's weights may move, relative, and the paper still be bounded as
    /// steady; more, and it is scored from its side. (A 150-paper listing at 100k papers
    /// moves 98% of the papers' weights by less, and the others are a few thousand.)
    static let steadyShift = 0.002

    static func shifted(_ previous: Made, made: Made, was: [Int?], now: [Int], docs: [Int32],
                        holders: Holders) -> [Reused?] {
        let none = [Reused?](repeating: nil, count: made.papers.count)
        guard previous.count == made.count else { return none }
        let (old, new) = (previous.postings, made.postings)
        // Each term's place then (`termPlacesThen`), and each term's then today (-1: not kept).
        let termThen = termPlacesThen(old, new)
        let termNow: [Int32] = {
            var now = [Int32](repeating: -1, count: old.terms.count)
            for (t, o) in termThen.enumerated() where o >= 0 { now[Int(o)] = Int32(t) }
            return now
        }()

        // Per weight of today's vectors, how much it grew: over the same term's weight then,
        // rounded up; per paper, the most any weight of its vector moved, relative (nil for a
        // new paper, or one whose terms are not the ones it had: its growths are not read). In
        // one flat array, as the vectors are, not an array per paper. (Made its full size at
        // once and read and written through buffers, as the scores below: grown paper by paper
        // and written as an array, each write a check of its storage, with the vectors read as
        // arrays, this was 0.30 billion instructions of a 150-paper listing's rebuild at 100k; now 0.18.)
        let moves = ParallelMap.runs(of: Array(0..<made.papers.count)) { run -> (growths: [Float], shifts: [Double?]) in
            var growths = [Float](repeating: 0, count: run.reduce(0) { $0 + made.vectors.range($1).count })
            var shifts: [Double?] = []
            shifts.reserveCapacity(run.count)
            growths.withUnsafeMutableBufferPointer { growths in
            made.vectors.terms.withUnsafeBufferPointer { terms in
            made.vectors.weights.withUnsafeBufferPointer { weights in
            previous.vectors.terms.withUnsafeBufferPointer { termsThen in
            previous.vectors.weights.withUnsafeBufferPointer { weightsThen in
            termNow.withUnsafeBufferPointer { termNow in
                var first = 0
                for d in run {
                    let today = made.vectors.range(d)
                    defer { first += today.count }
                    shifts.append(nil)
                    guard let o = was[d], case let then = previous.vectors.range(o), today.count == then.count else { continue }
                    var shift = 0.0
                    for (i, k) in today.enumerated() {
                        let term = terms[k]
                        // (Its place then first: most weights keep their order when all move a little,
                        // and a search of the vector for each of its terms was 0.6 G instructions at
                        // 100k papers. A vector holds a term once, so the first found is the one.)
                        let at = then.lowerBound + i
                        guard let j = termNow[Int(termsThen[at])] == term ? at : then.first(where: { termNow[Int(termsThen[$0])] == term })
                        else { shift = .nan; break }
                        let ratio = Double(weights[k]) / Double(weightsThen[j])
                        guard ratio.isFinite, ratio > 0 else { shift = .nan; break }
                        growths[first + i] = Float(ratio).nextUp
                        shift = max(shift, abs(ratio - 1))
                    }
                    if !shift.isNaN { shifts[shifts.count - 1] = shift }
                }
            }
            }
            }
            }
            }
            }
            return (growths, shifts)
        }
        let growths = moves.flatMap(\.growths), shifts = moves.flatMap(\.shifts)
        var jumped = shifts.map { $0.map { $0 > steadyShift } ?? true }
        // The papers that came into a term's postings where they hold only its strongest papers
        // (now or then; elsewhere they are the papers whose vectors hold it). One that left a
        // term's postings scores less for it, within the bound.
        let came = ParallelMap.batched(new.terms.count, batch: 64) { t -> [Int32] in
            let (today, o) = (new.range(t), Int(termThen[t]))
            guard o >= 0 else { return [] }  // (a term new to the kept: its papers' terms changed)
            let then = old.range(o)
            guard holders.range(t).count > postingsPerTerm || then.count >= postingsPerTerm else { return [] }
            // (Looked up in a table of the keys then by their own low bits: they are hashes
            // already. A Set of them, each key hashed again going in and for each looked up, was
            // 0.3 billion instructions of a listing's rebuild at 100k papers, some 1,800 terms
            // of 256 postings each.)
            let keys = KeyTable(old.papers[then])
            return today.filter { !keys.contains(new.papers[$0]) }.map { docs[$0] }
        }
        for papers in came { for d in papers { jumped[Int(d)] = true } }
        let scored = jumped.indices.filter { jumped[$0] }.map(Int32.init)
        // Past a quarter, scoring them from their side costs about what scoring all does.
        guard scored.count * 4 <= made.papers.count else { return none }
        // Per term, the most a steady paper's weight for it grew: with each weight of a paper
        // in the term's, its scores with every steady paper grew by no more than its most grown
        // weight times the term's (`growth`).
        let grown: [Double] = {
            var grown = [Double](repeating: 0, count: new.terms.count)
            for d in jumped.indices where !jumped[d] {
                for k in made.vectors.range(d) {
                    let term = Int(made.vectors.terms[k])
                    grown[term] = max(grown[term], Double(growths[k]))
                }
            }
            return grown
        }()
        let (_, weighed) = weighedPostings(of: scored, made: made, docs: docs)
        let members = listsToday(previous, was: was, now: now, taking: shifts.map { $0 != nil })
        let (_, reach) = mayReach(nil, papers: made.papers.count, changed: scored, weighed: weighed,
                                  holders: holders, members: members, count: made.count)
        // Per common term, the weakest of its strongest postings: a paper is among them when
        // its weight beats it, or ties it from a lower place (`Selection.best`'s order).
        let floors: [(weight: Float, paper: Int32)?] = new.terms.indices.map { t in
            guard holders.range(t).count > postingsPerTerm, let last = new.range(t).last else { return nil }
            return (new.weights[last], docs[last])
        }

        return ParallelMap.runs(of: Array(0..<made.papers.count)) { run -> [Reused?] in
            // Per term, the weight of the listed paper being scored: set for it, then cleared.
            var weightOf = [Float](repeating: 0, count: new.terms.count)
            var scores: [Float] = []
            // (The vectors and `weightOf` through buffers: read and written as arrays, each a
            // check of bounds, each write of `weightOf` one of its storage too, the scores here
            // were 0.47 billion instructions of a 150-paper listing's rebuild at 100k papers.)
            return weightOf.withUnsafeMutableBufferPointer { weightOf in
            made.vectors.terms.withUnsafeBufferPointer { terms in
            made.vectors.weights.withUnsafeBufferPointer { weights in
            run.map { d -> Reused? in
                guard let o = was[d], shifts[d] != nil, previous.lists[o].allSatisfy({ now[$0] >= 0 }) else { return nil }
                let kept = previous.lists[o].map { now[$0] }
                let vector = made.vectors.range(d)
                // A paper's score with this one, as the scoring adds it up: over this paper's
                // terms, in order, where the other is in the term's postings.
                func score(_ other: Int) -> Float {
                    let theirs = made.vectors.range(other)
                    for k in theirs { weightOf[Int(terms[k])] = weights[k] }
                    var score: Float = 0
                    for k in vector {
                        let term = Int(terms[k]), weight = weightOf[term]
                        guard weight != 0 else { continue }
                        if let floor = floors[term], weight < floor.weight || (weight == floor.weight && Int32(other) > floor.paper) { continue }
                        score += weights[k] * weight
                    }
                    for k in theirs { weightOf[Int(terms[k])] = 0 }
                    return score
                }
                scores.removeAll(keepingCapacity: true)
                for other in kept { scores.append(score(other)) }
                // In the scoring's order: best first, ties by place; a paper scoring 0 is not met.
                // Papers that now rank otherwise among themselves are put in that order: the list
                // holds the same papers when its last beats the bound.
                guard scores.allSatisfy({ $0 > 0 }) else { return nil }
                var list = kept
                if scores.indices.dropFirst().contains(where: { !(scores[$0 - 1] > scores[$0] || (scores[$0 - 1] == scores[$0] && list[$0 - 1] < list[$0])) }) {
                    let ranked = zip(list, scores).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                    (list, scores) = (ranked.map(\.0), ranked.map(\.1))
                }
                let growth = vector.reduce(0.0) { max($0, Double(growths[$1]) * grown[Int(made.vectors.terms[$1])]) }
                let reached = reach[d] > 0 ? Double(reach[d] + slack) : 0
                let ceiling = max(Double(previous.ceilings[o]) * growth + Double(slack), reached)
                // The same bound on the papers out of its list and its runners.
                let beyond = max(Double(previous.beyond(of: o)) * growth + Double(slack), reached)
                let runners = previous.runners(of: o, now: now)
                if list.count == made.count {
                    if let bar = scores.last, Double(bar) > ceiling { return Reused(list, bar, Float(ceiling).nextUp, runners, Float(beyond).nextUp) }
                    // Its last near its ceiling (a near tie with the paper after it: 8k of 9.3k
                    // lists scored again after a 150-paper listing at 100k papers were so): its
                    // runners scored too, and the list is the best of them all when its last
                    // passes every other paper's bound.
                    var met = Array(zip(list, scores))
                    for i in 0..<runnersKept where runners[i] >= 0 && !list.contains(Int(runners[i])) {
                        let other = Int(runners[i]), s = score(other)
                        if s > 0 { met.append((other, s)) }
                    }
                    met.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                    guard met.count >= made.count, Double(met[made.count - 1].1) > beyond else { return nil }
                    let (best, rest) = (met.prefix(made.count), met.dropFirst(made.count))
                    return Reused(best.map(\.0), met[made.count - 1].1, Float(max(Double(rest.first?.1 ?? 0), beyond)).nextUp, Runners(papers: rest.map(\.0)), Float(beyond).nextUp)
                }
                // A short list held every paper that scored then; none of the others scores now.
                guard previous.ceilings[o] == 0, reach[d] == 0 else { return nil }
                return Reused(list, scores.last ?? 0, 0, Runners.none, 0)
            }
            }
            }
            }
        }.flatMap { $0 }
    }
}

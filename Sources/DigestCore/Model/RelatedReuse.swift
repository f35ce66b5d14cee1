/// Related lists taken again from the last computation, exactly as scoring would make them.
/// A paper's list comes from its vector, the postings of the terms in it (papers and weights)
/// and the order of the papers it meets (which breaks ties). A paper whose vector is as it was
/// keeps its list when no paper it meets changed there, or when each that did still scores
/// below the last of its list (found from the two vectors alone) and was not in it. An edit
/// that leaves the count of papers, so every term's IDF, alone changes the vectors of the papers
/// sharing a term whose count it changed: 198 at 100k papers for a title edit; scored again are
/// those and the papers whose lists they enter or leave, not all 100k.
extension RelatedPapers {
    /// Each paper's list, and what it was made from.
    public struct Made: Sendable, Equatable {
        public internal(set) var lists: [[Int]]
        /// The count each list was cut to.
        var count: Int
        /// Per paper, the key of its id (`paperKey`): papers are found again by it after some
        /// came, went or moved.
        var papers: [UInt64]
        /// Per paper, the key of its title and abstract (`KeptWords.textKey`): its terms.
        var texts: [UInt64]
        /// Per paper, its vector: each term (an index into `postings.terms`) and weight, strongest first.
        var vectors: Vectors
        /// Per kept term (as in `postings.terms`), the count of papers that have it: with the
        /// same terms kept and the same count of papers, a paper whose text and terms' counts are
        /// as they were has the vector it had.
        var df: [Int32]
        /// Per paper, the score of the last paper in its list: the bar another must pass to enter it.
        var bars: [Float]
        /// Per paper, no paper out of its list scores more with it: the best such score when the
        /// list was scored, or a bound on it when the list was taken again.
        var ceilings: [Float]
        var postings: Postings
        /// Per paper, the papers that came next after its list when it was scored: `runnersKept`
        /// places each, -1 for none there (past their end, or gone since); empty: none known.
        /// When a listing moves every weight, a list whose last comes near its ceiling has them
        /// scored exactly, not every paper it meets (`shifted`).
        var runners: [Int32] = []
        /// Per paper, no paper out of its list and its runners scores more: a bound, as
        /// `ceilings` is (empty: the ceilings).
        var beyond: [Float] = []

        /// Paper `p`'s runners, in today's places by `now` (per place then, today's; -1 gone).
        func runners(of p: Int, now: [Int]) -> Runners {
            guard !runners.isEmpty else { return Runners.none }
            var today = Runners.none
            for i in 0..<runnersKept {
                let then = Int(runners[p * runnersKept + i])
                if then >= 0 { today[i] = Int32(now[then]) }
            }
            return today
        }

        func beyond(of p: Int) -> Float { beyond.isEmpty ? ceilings[p] : beyond[p] }
    }

    /// Every paper's vector, paper after paper: paper `p`'s terms and weights are at `range(p)`.
    struct Vectors: Sendable, Equatable {
        var ends: [Int32]
        var terms: [Int32]
        var weights: [Float]

        init(ends: [Int32], terms: [Int32], weights: [Float]) {
            (self.ends, self.terms, self.weights) = (ends, terms, weights)
        }

        /// Runs of papers' vectors, one after another.
        /// (Each array made its full size at once: grown run by run, 2.4M terms and weights at
        /// 100k papers were copied again at each doubling, into pages new to the process.)
        init(joining runs: [Vectors]) {
            (ends, terms, weights) = ([], [], [])
            ends.reserveCapacity(runs.reduce(0) { $0 + $1.count })
            let entries = runs.reduce(0) { $0 + $1.terms.count }
            terms.reserveCapacity(entries)
            weights.reserveCapacity(entries)
            for run in runs {
                let base = Int32(terms.count)
                for end in run.ends { ends.append(end + base) }
                terms += run.terms
                weights += run.weights
            }
        }

        var count: Int { ends.count }

        func range(_ p: Int) -> Range<Int> { RawWire.range(p, in: ends) }

        /// The next paper's vector.
        mutating func append(_ vector: some Sequence<(term: Int, weight: Float)>) {
            for (term, weight) in vector { terms.append(Int32(term)); weights.append(weight) }
            ends.append(Int32(terms.count))
        }

        /// The next paper's vector: paper `p`'s of `other`.
        mutating func append(paper p: Int, of other: Vectors) {
            let range = other.range(p)
            terms += other.terms[range]
            weights += other.weights[range]
            ends.append(Int32(terms.count))
        }
    }

    /// Every kept term's postings, the term's key and each paper's key and weight.
    struct Postings: Sendable, Equatable {
        var terms: [UInt64]
        /// Term `k`'s postings are `papers[range(k)]` and `weights[range(k)]`.
        var ends: [Int]
        var papers: [UInt64]
        var weights: [Float]

        func range(_ k: Int) -> Range<Int> { RawWire.range(k, in: ends) }
    }

    /// A term's key in `Made`: of its name, as its id changes when the terms kept change.
    static func termKey(_ name: String) -> UInt64 { ContextHash.of(bytes: name.utf8) }

    /// A paper's key in `Made`: of its id, as its place changes when papers come, go or move.
    static func paperKey(_ id: String) -> UInt64 { ContextHash.of(bytes: id.utf8) }

    /// Every paper's `paperKey`, on every core: a build works them out once, for its related
    /// papers and its people (`AuthorsCache`), which find papers again by them.
    static func paperKeys(_ papers: [Paper]) -> [UInt64] {
        ParallelMap.batched(papers.count, batch: 1024) { paperKey(papers[$0].id) }
    }

    /// A list taken again, in today's places, with its bar and ceiling, its runners (today's
    /// places) and the bound beyond them. (A struct: as a tuple of five, each of 100k copied
    /// into and out of the lists' arrays went through the runtime's generic tuple witnesses.)
    struct Reused {
        let list: [Int]
        let bar: Float
        let ceiling: Float
        let runners: Runners
        let beyond: Float

        init(_ list: [Int], _ bar: Float, _ ceiling: Float, _ runners: Runners, _ beyond: Float) {
            (self.list, self.bar, self.ceiling, self.runners, self.beyond) = (list, bar, ceiling, runners, beyond)
        }
    }

    /// A list's runners (`Made.runners`), -1 for none there (past their end, or gone): a value,
    /// not an array, as 90k lists taken again after a listing each carry theirs.
    typealias Runners = SIMD4<Int32>

    /// How far a score added up in another order may be from the scoring's, with room: the
    /// weights are of unit vectors, so rounding moves a sum of 24 of their products by less
    /// than 24 × 2⁻²⁴ ≈ 1.5 × 10⁻⁶.
    static let slack: Float = 1e-5

    /// Where today's papers were in `previous`: each key's place then, and each paper's (nil for
    /// a new one); nil when two papers then had one key (none is taken again).
    static func placesThen(_ previous: Made, keys: [UInt64]) -> (before: KeyTable, was: [Int?])? {
        places(previous.papers).map { before in (before, keys.map { before.place(of: $0) }) }
    }

    /// Whether paper `d`'s vector in `made` is paper `o`'s in `previous`: the same terms, by
    /// their keys, with the same weights to the bit.
    static func sameVector(_ d: Int, in made: Made, as o: Int, in previous: Made) -> Bool {
        let (now, then) = (made.vectors.range(d), previous.vectors.range(o))
        guard now.count == then.count else { return false }
        return zip(now, then).allSatisfy { k, j in
            made.vectors.weights[k].bitPattern == previous.vectors.weights[j].bitPattern
                && made.postings.terms[Int(made.vectors.terms[k])] == previous.postings.terms[Int(previous.vectors.terms[j])]
        }
    }

    /// Per paper, its list in `previous` when scoring it again would give the same (nil: score
    /// it). `made`: all but the lists, for today's papers; `docs` (each posting's paper, by
    /// place), what they were made from; `then`, where they were (`placesThen`); `taken`, per
    /// paper, whether its vector was taken from `previous` (`vectors`): it is the same, and not
    /// compared (100k vectors compared were 124M instructions of a title edit's rebuild).
    static func reusable(_ previous: Made, made: Made, docs: [Int32], holders: Holders, then: (before: KeyTable, was: [Int?])?,
                         taken: [Bool]) -> [Reused?] {
        let none = [Reused?](repeating: nil, count: made.papers.count)
        guard previous.count == made.count, let then else { return none }
        let (before, was) = then
        let placed = keptOrder(was)
        // The papers whose vector is as it was: none, or a few without terms, when the count of
        // papers moved every IDF (a listing added), and then little below is worth making (it
        // was 0.4 s of that rebuild at 100k papers).
        let same = ParallelMap.batched(made.papers.count, batch: 1024) { d in
            placed[d] && was[d].map { taken[d] || sameVector(d, in: made, as: $0, in: previous) } == true
        }
        let sameCount = same.lazy.filter { $0 }.count
        let now: [Int] = {  // per paper then, its place today
            var now = [Int](repeating: -1, count: previous.papers.count)
            for (d, old) in was.enumerated() { if let old { now[old] = d } }
            return now
        }()
        // Most vectors moved (the count of papers did, and every IDF with it): the lists whose
        // scores cannot have crossed are taken, by bounds (`shifted`).
        guard sameCount * 2 >= same.count else {
            return shifted(previous, made: made, was: was, now: now, docs: docs, holders: holders)
        }
        let (old, new) = (previous.postings, made.postings)
        let termThen = termPlacesThen(old, new)

        // The terms of those papers' vectors, the only ones whose postings are looked at below:
        // found when the papers are few, not when they are most (after an edit, nearly every
        // term is one of theirs, and a pass over their vectors would find them all).
        let met: [Bool]? = sameCount * 8 > same.count ? nil : {
            var met = [Bool](repeating: false, count: new.terms.count)
            for d in same.indices where same[d] { for k in made.vectors.range(d) { met[Int(made.vectors.terms[k])] = true } }
            return met
        }()
        // Per term, the papers whose postings changed: came, went, weigh otherwise there, or
        // moved among the others (which may break a tie otherwise).
        let changed = ParallelMap.batched(new.terms.count, batch: 64) { t -> [Int32] in
            guard met?[t] ?? true else { return [] }
            let today = new.range(t)
            let o = Int(termThen[t])
            guard o >= 0 else { return Array(docs[today]) }
            let then = old.range(o)
            // The same papers in the same order (most terms after an edit: only weights moved),
            // compared side by side, without a table of the papers then.
            if new.papers[today].elementsEqual(old.papers[then]) {
                return zip(today, then).compactMap { k, j in new.weights[k] != old.weights[j] || !placed[Int(docs[k])] ? docs[k] : nil }
            }
            var weighed: [UInt64: Float] = [:]
            for k in then { weighed[old.papers[k]] = old.weights[k] }
            var papers: [Int32] = []
            for k in today where weighed.removeValue(forKey: new.papers[k]) != new.weights[k] || !placed[Int(docs[k])] { papers.append(docs[k]) }
            for key in weighed.keys { if let o = before.place(of: key), now[o] >= 0 { papers.append(Int32(now[o])) } }
            return papers
        }
        // Each changed paper's weights in today's postings (`weighedPostings`), in the order
        // first met; the changed papers per term flat too, as every paper meets some.
        let changedPapers = Flat(changed)
        var firstSeen = [Bool](repeating: false, count: made.papers.count), order: [Int32] = []
        for d in changedPapers.items where !firstSeen[Int(d)] { firstSeen[Int(d)] = true; order.append(d) }
        let (slots, weighed) = weighedPostings(of: order, made: made, docs: docs)
        let bars = (0..<made.papers.count).map { d in same[d] ? was[d].map { previous.bars[$0] } ?? .infinity : .infinity }
        let members = listsToday(previous, was: was, now: now, taking: same)
        let (near, reach) = mayReach(bars, papers: made.papers.count, changed: order, weighed: weighed, holders: holders, members: members, count: made.count)

        return ParallelMap.runs(of: Array(0..<made.papers.count)) { run -> [Reused?] in
            // Per term, the weight of the changed paper being scored: set for it, then cleared.
            var weightOf = [Float](repeating: 0, count: new.terms.count)
            var met: [Int32] = []
            return run.map { d -> Reused? in
                guard same[d], let o = was[d] else { return nil }
                let kept = previous.lists[o], bar = previous.bars[o]
                guard kept.allSatisfy({ now[$0] >= 0 }) else { return nil }
                // No paper out of the list passes its bar, and none of those that changed scores
                // more than `reach`: the others score as they did.
                let reached = reach[d] > 0 ? reach[d] + slack : 0
                let ceiling = min(bar, max(previous.ceilings[o], reached))
                // Its runners score as they did, or, changed, no more than `reach`, as the others.
                let runners = previous.runners(of: o, now: now)
                let beyond = min(ceiling, max(previous.beyond(of: o), reached))
                // (The list as it was, when no paper in it moved: an edit's case, without a copy.)
                let list = kept.allSatisfy { now[$0] == $0 } ? kept : kept.map { now[$0] }
                let vector = made.vectors.range(d)
                // With no changed paper near its bar, and a full list, the list stands unless a
                // paper in it changed in one of this paper's terms (its score did).
                if !near[d] && list.count == made.count {
                    for other in list where other != d && slots[other] >= 0 {
                        if vector.contains(where: { changedPapers[Int(made.vectors.terms[$0])].contains(Int32(other)) }) { return nil }
                    }
                    return Reused(list, bar, ceiling, runners, beyond)
                }
                met.removeAll(keepingCapacity: true)
                for k in vector { met += changedPapers[Int(made.vectors.terms[k])] }
                met.removeAll { $0 == d }
                if met.isEmpty { return Reused(list, bar, ceiling, runners, beyond) }
                guard list.count == made.count, let last = list.last else { return nil }
                met.sort()
                var previousOther: Int32 = -1
                for other in met where other != previousOther {
                    previousOther = other
                    if list.contains(Int(other)) { return nil }
                    let entries = weighed.range(Int(slots[Int(other)]))
                    for e in entries { weightOf[Int(weighed.items[e].term)] = weighed.items[e].weight }
                    // As the scoring adds it up: over this paper's terms, in order.
                    var score: Float = 0
                    for k in vector {
                        let term = Int(made.vectors.terms[k])
                        if weightOf[term] != 0 { score += made.vectors.weights[k] * weightOf[term] }
                    }
                    for e in entries { weightOf[Int(weighed.items[e].term)] = 0 }
                    if score > bar || (score == bar && Int(other) < last) { return nil }
                }
                return Reused(list, bar, ceiling, runners, beyond)
            }
        }.flatMap { $0 }
    }

    /// Per paper (of `papers`), whether a changed paper may reach its bar (`bars`; infinite for
    /// a paper whose list is not taken; nil when no list is taken by its bar, as after a
    /// listing, which asks only for the best scores), and the best score with it of a changed
    /// paper out of its list (`members`: per paper, `count` places of its list, -1 past its
    /// end): each changed
    /// paper's scores with every paper, added up from its side, through the papers whose
    /// vectors hold each of its terms (`weighed`: each changed paper's weights in the postings,
    /// by its place in `changed`). After a title edit at 100k papers every paper meets a
    /// changed one, and scoring each against each it meets, over both vectors, took 65M steps;
    /// this is 1.1M products. The sums add the same products as the scoring, in another order,
    /// so they may differ from its in the last bits: a paper within `slack` of its bar is scored
    /// exactly (`reusable`), and a best score is `slack` short of a ceiling.
    static func mayReach(_ bars: [Float]?, papers: Int, changed: [Int32], weighed: Flat<(term: Int32, weight: Float)>, holders: Holders,
                         members: [Int32], count: Int) -> (near: [Bool], reach: [Float]) {
        let found = ParallelMap.runs(of: Array(changed.indices)) { run -> (near: [Int32], reach: [Float]) in
            var sums = [Float](repeating: 0, count: papers), touched = [Int32](repeating: 0, count: papers), found: [Int32] = []
            var reach = [Float](repeating: 0, count: papers)
            // (Through buffers: each paper met is a write to three arrays, each write a check of
            // the array's storage, 13M of them after a listing at 100k papers.)
            sums.withUnsafeMutableBufferPointer { sums in
            touched.withUnsafeMutableBufferPointer { touched in
            reach.withUnsafeMutableBufferPointer { reach in
                for slot in run {
                    var met = 0
                    for e in weighed.range(slot) {
                        let (term, weight) = weighed.items[e]
                        for h in holders.range(Int(term)) {
                            // (A paper is met, as the scoring meets it, once its sum is above 0:
                            // once, as sums of products of weights never fall.)
                            let d = Int(holders.papers[h]), sum = sums[d]
                            sums[d] = sum + holders.weights[h] * weight
                            if sum == 0 && sums[d] != 0 { touched[met] = Int32(d); met += 1 }
                        }
                    }
                    let paper = changed[slot]
                    for d in touched[0..<met] {
                        let (d, sum) = (Int(d), sums[Int(d)])
                        sums[d] = 0
                        guard d != paper else { continue }
                        if let bars, sum >= bars[d] - slack { found.append(Int32(d)) }
                        if sum > reach[d] && !members[(d * count)..<(d * count + count)].contains(paper) { reach[d] = sum }
                    }
                }
            }
            }
            }
            return (found, reach)
        }
        var near = [Bool](repeating: false, count: papers), reach = [Float](repeating: 0, count: papers)
        for run in found {
            for d in run.near { near[Int(d)] = true }
            for d in reach.indices where run.reach[d] > reach[d] { reach[d] = run.reach[d] }
        }
        return (near, reach)
    }

    /// Per paper, `count` places of its list then in today's places (`now`), -1 past its end
    /// or for a paper gone; -1 throughout for a paper not `taking` (its list is scored).
    static func listsToday(_ previous: Made, was: [Int?], now: [Int], taking: [Bool]) -> [Int32] {
        var members = [Int32](repeating: -1, count: was.count * previous.count)
        for d in was.indices where taking[d] {
            guard let o = was[d] else { continue }
            for (i, other) in previous.lists[o].prefix(previous.count).enumerated() { members[d * previous.count + i] = Int32(now[other]) }
        }
        return members
    }

    /// The weights in today's postings of `papers` (each once), to score each against a paper
    /// alone: paper `d`'s are at `weighed.range(slots[d])` (-1: not one of them). Flat, as
    /// after a title edit at 100k papers every paper meets some (1.1M meetings), and arrays of
    /// arrays were retained and released at each.
    static func weighedPostings(of papers: [Int32], made: Made, docs: [Int32]) -> (slots: [Int32], weighed: Flat<(term: Int32, weight: Float)>) {
        var slots = [Int32](repeating: -1, count: made.papers.count), lists = [[(term: Int32, weight: Float)]](repeating: [], count: papers.count)
        for (slot, d) in papers.enumerated() { slots[Int(d)] = Int32(slot) }
        let postings = made.postings
        for t in postings.terms.indices {
            for k in postings.range(t) where slots[Int(docs[k])] >= 0 { lists[Int(slots[Int(docs[k])])].append((Int32(t), postings.weights[k])) }
        }
        return (slots, Flat(lists))
    }

    /// Per term, the papers whose vectors hold it, with their weights there: term `t`'s are
    /// `papers[range(t)]` and `weights[range(t)]`.
    struct Holders: Sendable {
        let starts: [Int]
        let papers: [Int32]
        let weights: [Float]

        func range(_ t: Int) -> Range<Int> { starts[t]..<starts[t + 1] }
    }

    /// Per term today (`new`), its place in the postings then (`old`; -1: not kept then): the
    /// same place when the same terms are kept (an edit that leaves every term's count of
    /// papers on the same side of the cut), else found by its key.
    static func termPlacesThen(_ old: Postings, _ new: Postings) -> [Int32] {
        guard old.terms != new.terms else { return new.terms.indices.map(Int32.init) }
        let places = places(old.terms) ?? KeyTable([])
        return new.terms.map { places.place(of: $0).map(Int32.init) ?? -1 }
    }

    /// Each key's place in `keys`; nil when one is there twice. (Paper and term keys are
    /// hashes already: found in a `KeyTable`, not hashed again into a Dictionary.)
    static func places(_ keys: [UInt64]) -> KeyTable? {
        let places = KeyTable(keys)
        return places.hasRepeats ? nil : places
    }

    /// Per paper, whether it kept its order among the papers there before: it is in a longest
    /// run, in today's order, of places then that only rise (`was`: each paper's place then,
    /// nil for a new one). Papers that came or went leave the others in order; one moved takes
    /// itself out.
    static func keptOrder(_ was: [Int?]) -> [Bool] {
        // Patience sorting: `tails[k]` ends the run of length k + 1 whose last place is lowest.
        var tails: [Int] = [], before = [Int](repeating: -1, count: was.count)
        for (d, old) in was.enumerated() {
            guard let old else { continue }
            var (low, high) = (0, tails.count)
            while low < high {
                let mid = (low + high) / 2
                if was[tails[mid]]! < old { low = mid + 1 } else { high = mid }
            }
            if low > 0 { before[d] = tails[low - 1] }
            if low == tails.count { tails.append(d) } else { tails[low] = d }
        }
        var placed = [Bool](repeating: false, count: was.count)
        var d = tails.last ?? -1
        while d >= 0 {
            placed[d] = true
            d = before[d]
        }
        return placed
    }
}

extension RelatedPapers.Runners {
    static var none: Self { Self(repeating: -1) }

    /// The first of `papers` (as many as there are places), -1 past their end.
    init(papers: some Collection<Int>) {
        self = .none
        for (i, paper) in papers.prefix(Self.scalarCount).enumerated() { self[i] = Int32(paper) }
    }
}

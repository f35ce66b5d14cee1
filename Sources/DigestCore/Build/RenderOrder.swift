/// Which pages a rebuild visits, and in what order. Most pages of a rebuild are kept as they
/// are — after a listing at 100k papers, 260k of 270k — and a page whose inputs hash as last
/// time and which the staging folder holds already (`SiteStaging.holdsAlready`) needs nothing
/// done: told from three arrays of numbers, it is not visited at all. (Visited on every core
/// as the others, each kept page cost a dispatch, a retain of its path — a cold line: 280 of
/// that rebuild's 17,244 `perf` samples — and its outcome stored.)
///
/// The pages visited start with the indexes of all authors, tags and sources: the authors'
/// lists every author (14 MB, 0.1 s to render at 100k papers) and changes with each listing,
/// and rendered in its place among the pages, it was the last page left, on one core.
enum RenderOrder {
    /// The places of the pages to visit: those whose hash is not `known`'s for them (the last
    /// build's, by place among the outputs, which start with the pages), or which the staging
    /// folder may not hold as they are (`held`, by place); the indexes first, then the others
    /// in order.
    static func visits(_ pages: [SiteRenderer.Page], hashes: [UInt64], known: [UInt64?], held: (Int) -> Bool) -> [Int] {
        let visited = pages.indices.filter { known[$0] != hashes[$0] || !held($0) }
        let first = visited.filter { pages[$0].kind.listsAll }
        return first.isEmpty ? visited : first + visited.filter { !pages[$0].kind.listsAll }
    }

    /// Every page's outcome, by its place among the pages: those visited, as `made` has them
    /// in the order of `visits`; the others kept as they were, with their `hashes`.
    /// (A full build visits every page in order: `made` is that.)
    static func outcomes(_ made: [PageOutcome], visits: [Int]?, hashes: [UInt64]?) -> [PageOutcome] {
        guard let visits, let hashes else { return made }
        var all = hashes.map { PageOutcome(hash: $0, wrote: false, error: 0) }
        for (v, i) in visits.enumerated() { all[i] = made[v] }
        return all
    }
}

extension SiteRenderer.Kind {
    /// An index of every author, tag or source.
    var listsAll: Bool {
        switch self {
        case .authorIndex, .tagIndex, .sourceIndex: return true
        default: return false
        }
    }
}

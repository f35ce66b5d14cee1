/// Where a run of pages found its paths among the last build's (`SiteRenderer.pages(reusing:)`),
/// so that the next page's is looked for just after. A listing's papers and people, placed
/// among the others, move every page after them along: looked for at its own place only, each
/// of those pages' paths was made again (255k Strings at 100k papers, 0.17 billion
/// instructions of a listing's rebuild).
struct PathCursor {
    /// Where the next page's path is expected: after the last one found (nil: none found yet).
    private var next: Int?
    /// Pages in a row whose paths were not found: new ones, or the cursor lost.
    private var misses = 0

    /// How far past the place expected a path is looked for (pages gone before it)…
    static let near = 8
    /// …and how far either side, until the run finds a first path (for at most `near` pages),
    /// or when `near` in a row were missed (and again every 64 misses after): pages new since
    /// (the cursor stays), or many gone.
    static let window = 2048

    /// The String of `last` that is `prefix`, `name` and `suffix` (`String.isJoined`), for the
    /// page at `place` of this build's pages; nil when none is found.
    mutating func find(_ prefix: StaticString, _ name: String, _ suffix: StaticString, in last: [String], expected place: Int) -> String? {
        guard !last.isEmpty else { return nil }
        let start = next ?? min(place, last.count - 1)
        let wide = misses == Self.near || (misses > Self.near ? misses % 64 == 0 : next == nil)
        func found(_ at: Int) -> String? {
            guard at >= 0, at < last.count, last[at].isJoined(prefix, name, suffix) else { return nil }
            (next, misses) = (at + 1, 0)
            return last[at]
        }
        for step in 0...Self.near { if let path = found(start + step) { return path } }
        if wide {
            for step in 1...Self.window {
                if let path = found(start - step) ?? found(start + Self.near + step) { return path }
            }
        }
        misses += 1
        return nil
    }
}

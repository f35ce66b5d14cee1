/// Where each paper's entries lie in flat arrays filled paper after paper (the search index's
/// and the related papers' word counts): one array of ends instead of an array per paper.
struct PaperEntries: Sendable {
    private var ends: [Int] = []

    var count: Int { ends.count }

    /// The next paper's entries end here (the arrays' count once they are in).
    mutating func close(at end: Int) { ends.append(end) }

    func range(of paper: Int) -> Range<Int> { RawWire.range(paper, in: ends) }
}

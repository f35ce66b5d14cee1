import Testing
@testable import DigestCore

/// A rebuild's pages find their paths among the last build's where pages came or went before
/// them (`PathCursor`): each found is the String of the last build's with the same bytes.
@Suite struct PathCursorTests {
    static let names = (0..<3000).map { "person-\($0)" }

    static func paths(_ names: some Sequence<String>) -> [String] { names.map { "authors/\($0)/index.html" } }

    /// Each name's path found by a cursor carried along `names` in order, or nil.
    static func found(_ names: [String], in last: [String]) -> [String?] {
        var cursor = PathCursor()
        return names.indices.map { cursor.find("authors/", names[$0], "/index.html", in: last, expected: $0) }
    }

    @Test func pathsMovedAlongByPagesBeforeThemAreFound() {
        for last in [Self.paths(Self.names), Self.paths((0..<700).map { "gone-\($0)" } + Self.names), Array(Self.paths(Self.names).dropFirst(1))] {
            let found = Self.found(Self.names, in: last)
            let expected = Self.paths(Self.names).map { last.contains($0) ? $0 : nil }
            #expect(found == expected)
        }
    }

    @Test func pagesNewSinceAreNotFoundAndThoseAfterThemAre() {
        // Newcomers one by one among the known, a run of 30 of them, and a run of 500 gone.
        var now = Self.names
        for k in stride(from: 2900, to: 100, by: -97) { now.insert("newcomer-\(k)", at: k) }
        now.insert(contentsOf: (0..<30).map { "run-\($0)" }, at: 1500)
        let last = Self.paths(Self.names.prefix(200) + Self.names.dropFirst(700))
        let found = Self.found(now, in: last)
        #expect(zip(now, found).allSatisfy { name, path in path == (last.contains("authors/\(name)/index.html") ? "authors/\(name)/index.html" : nil) })
        #expect(found.compactMap { $0 }.count == last.count)
    }

    @Test func noLastBuildFindsNothing() {
        #expect(Self.found(Array(Self.names.prefix(5)), in: []) == [nil, nil, nil, nil, nil])
    }
}

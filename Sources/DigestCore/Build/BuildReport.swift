/// What `digest build` did: files written per kind, time per stage, problems found.
public struct BuildReport: Sendable {
    public var stages: [(name: String, seconds: Double)] = []
    public var counts: [String: Int] = [:]
    public var diagnostics: [Diagnostic] = []
    public var output = ""
    public var written = false
    public var notes: [String] = []
    public var incremental = false
    /// Files written this time, of all the site's files; files removed.
    public var rewritten = 0, total = 0, removed = 0
    /// Paper pages written with only their related papers put in place of the old ones (`PageSpans`).
    public var spliced = 0

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public func render() -> String {
        var lines = diagnostics.map(\.description)
        lines += notes
        if written {
            let order = ["home", "papers", "authors", "tags", "sources", "search", "404", "feeds", "other files", "search index files", "assets"]
            let kinds = order.filter { counts[$0] != nil }.map { "\(counts[$0]!) \($0)" }
            lines.append("\(output): " + kinds.joined(separator: ", "))
            lines.append(incremental ? "incremental: \(rewritten) of \(total) files rewritten, \(removed) removed" : "full build: \(total) files written")
        } else {
            lines.append("nothing written; \(output) is as it was")
        }
        if !stages.isEmpty { lines.append(stages.map { "\($0.name) \(String(format: "%.0f", $0.seconds * 1000)) ms" }.joined(separator: " · ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}

import Foundation

extension BuildReport {
    /// What a report says that a build with nothing changed says again.
    public struct Saved: Codable, Equatable, Sendable {
        var diagnostics: [Diagnostic]
        var notes: [String]
        var counts: [String: Int]
        var total: Int
    }

    var saved: Saved { Saved(diagnostics: diagnostics, notes: notes, counts: counts, total: total) }

    /// The report of a build that found the site as `saved` left it: nothing written or removed.
    init(unchanged saved: Saved, output: String) {
        self.init()
        (diagnostics, notes, counts, total) = (saved.diagnostics, saved.notes, saved.counts, saved.total)
        self.output = output
        written = true
        incremental = true
    }
}

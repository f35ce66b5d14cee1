import ArgumentParser
import Foundation

/// `--quiet` and `--verbose`, for the commands that report.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only problems (file:line: severity: message).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print more: each build stage's time; the papers ingest merged across listings.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    /// A report's lines as asked: only problems when quiet; `detail` lines only when verbose.
    /// Problems are coloured on a terminal (not with NO_COLOR set, never in a pipe or a CI log).
    func show(_ report: String, detail: (Substring) -> Bool = { _ in false }) {
        for line in report.split(separator: "\n", omittingEmptySubsequences: false).dropLast(report.hasSuffix("\n") ? 1 : 0) {
            let problem = Terminal.isProblem(line)
            if quiet && !problem { continue }
            if !verbose && !problem && detail(line) { continue }
            print(Terminal.paint(String(line)))
        }
    }
}

enum Terminal {
    /// Does the line hold `: error: ` or `: warning: `? Searched as bytes: Foundation's
    /// `contains` was most of the time of printing an ingest report of 10,000 merged papers.
    static func isProblem(_ line: Substring) -> Bool {
        var line = line
        return line.withUTF8 { bytes in
            let error = Array(": error: ".utf8), warning = Array(": warning: ".utf8)
            func holds(_ needle: [UInt8], at i: Int) -> Bool {
                i + needle.count <= bytes.count && needle.indices.allSatisfy { bytes[i + $0] == needle[$0] }
            }
            return bytes.indices.contains { bytes[$0] == 0x3A && (holds(error, at: $0) || holds(warning, at: $0)) }
        }
    }

    static let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    static func paint(_ line: String) -> String {
        guard colour else { return line }
        if let r = line.range(of: ": error: ") { return line.replacingCharacters(in: r, with: ": \u{1B}[1;31merror\u{1B}[0m: ") }
        if let r = line.range(of: ": warning: ") { return line.replacingCharacters(in: r, with: ": \u{1B}[1;33mwarning\u{1B}[0m: ") }
        return line
    }
}

/// A command's `--help` discussion written as wrapped source text: lines of a paragraph are
/// joined (the help output wraps them to the terminal again); blank lines and indented lines
/// (examples) stay as written.
func helpText(_ text: String) -> String {
    var out: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if let last = out.last, !last.isEmpty, !last.hasPrefix(" "), !line.isEmpty, !line.hasPrefix(" "),
           !last.hasSuffix(":") {
            out[out.count - 1] += " " + line
        } else {
            out.append(String(line))
        }
    }
    return out.joined(separator: "\n")
}

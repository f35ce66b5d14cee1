import ArgumentParser

import Foundation

@main
struct Digest: ParsableCommand {
    /// Exit codes: 0 success, 1 bad input or a failed build, 2 a usage error.
    /// (ArgumentParser's own usage code is 64; the spec and our users' scripts say 2.)
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                // One line, as scripts and CI logs want it; --help has the rest.
                let command = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") }.map { " " + $0 } ?? ""
                let message = message(for: error).replacingOccurrences(of: "\n", with: " ")
                FileHandle.standardError.write(Data("digest: \(message) (see `digest\(command) --help`)\n".utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "A static site generator for paper digests.",
        discussion: helpText("""
        Listings of papers go into content/listings/; `digest ingest` turns them into one
        Markdown record per paper in content/papers/, and `digest build` renders the site.
        Run the commands from the site folder, or name it with --site.
        """),
        subcommands: [InitCommand.self, IngestCommand.self, BuildCommand.self, ServeCommand.self, CheckCommand.self, SearchCommand.self]
    )
}

/// Options every command that works on a site takes.
struct SiteOptions: ParsableArguments {
    @Option(name: [.customLong("site"), .customShort("C")], help: ArgumentHelp("The site folder.", valueName: "dir"))
    var site: String = "."
}

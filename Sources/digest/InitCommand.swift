import ArgumentParser
import DigestCore
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new site: settings, content folders, .gitignore and a CI workflow.",
        discussion: helpText("""
        Writes digest.yml (every setting, commented), content/listings/ and content/papers/,
        templates/README.md (how to override a built-in template), .gitignore, and
        .github/workflows/digest.yml, which ingests new listings on push, commits the records,
        builds and publishes the site to GitHub Pages. Refuses a folder that is not empty
        (a Git repository alone is fine) unless --force.

        Examples:
          digest init lab-digest
          digest init . --force --digest-source https://github.com/my-lab/paperdigest.git
        """)
    )

    @Argument(help: ArgumentHelp("The folder for the new site (made if missing).", valueName: "dir"))
    var folder = "."

    @Flag(help: "Write into a folder that is not empty, replacing files of the same names.")
    var force = false

    @Option(help: ArgumentHelp("The Git address of PaperDigest's source, which the CI workflow builds digest from.", valueName: "url"))
    var digestSource = SiteScaffold.sourcePlaceholder

    func run() throws {
        do {
            let written = try SiteScaffold.create(in: folder, force: force, source: digestSource)
            print("created a PaperDigest site in \(folder): " + written.filter { !$0.hasSuffix(".gitkeep") }.joined(separator: ", "))
            print("next: put a listing in \(folder)/content/listings/, then run `digest ingest` and `digest build` in \(folder)")
            if digestSource == SiteScaffold.sourcePlaceholder {
                print("before pushing: set DIGEST_SOURCE in .github/workflows/digest.yml to where PaperDigest's source is")
            }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

import ArgumentParser
import DigestCore
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render the records into a static website.",
        discussion: helpText("""
        Reads content/papers/*.md, renders every page through the templates (the built-in
        ones, or a file of the same name in templates/), and writes the site to public/.
        A rebuild renders and writes only the pages whose inputs changed (recorded in
        .digest-cache/), and removes pages that no longer exist; --clean renders everything.
        Every build writes the new site beside the old one and swaps it in, so a failed or
        killed build leaves the previous site whole; a rebuild keeps the site it replaced
        (.public.previous-*) and next time starts from it. As the output folder is
        replaced whole, it must be new, empty or one a build wrote, and outside the site's
        content/ and templates/. Exits 1 on errors.

        Examples:
          digest build
          digest build --base-url https://lab.example.org/digest/
          digest build --links files -o /tmp/site   # browse from disk
        """)
    )

    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var outputOptions: OutputOptions

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The output folder (default: public/ in the site).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("The site's public address, for feeds, sitemap and canonical links (default: base_url in digest.yml).", valueName: "url"))
    var baseURL: String?

    @Option(help: "Links to folders end in `/` (pretty, for web servers) or `/index.html` (files, for opening from disk; the search index then also comes as scripts, which a page on file:// can load).")
    var links: SiteRenderer.LinkStyle = .pretty

    @Flag(help: "Render and write every page, ignoring what the last build recorded in .digest-cache/.")
    var clean = false

    @Option(name: [.customShort("j"), .long], help: ArgumentHelp("Processes that render pages (default: one per core, or the threads of one process once the site's data passes 256 MB, as each process would copy most of it); 1 renders on the threads of one process.", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var options = BuildOptions(siteFolder: siteOptions.site, output: output, baseURL: baseURL, linkStyle: links)
        options.clean = clean
        options.processEndsAfter = true
        options.workers = jobs.map { $0 == 1 ? .threads : .processes($0) } ?? .perCore
        if isatty(STDERR_FILENO) == 1 && !outputOptions.quiet {
            // Each line replaces the last: back to the line's start, clear it, write.
            options.progress = { line in FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8)) }
        }
        let report = SiteBuild.run(options)
        if options.progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        // Stage times are detail: `load 54 ms · model 50 ms · …`.
        outputOptions.show(report.render()) { $0.hasSuffix(" ms") }
        if report.hasErrors { throw ExitCode(1) }
    }
}

extension SiteRenderer.LinkStyle: ExpressibleByArgument {}

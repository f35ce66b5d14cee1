import ArgumentParser
import DigestCore
import Foundation

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the built site's index from the terminal, ranked as the search page ranks.",
        discussion: helpText("""
        Reads the index `digest build` wrote under public/search/. The query is what a reader
        types on the search page: words (the last one may be unfinished), near-misses allowed,
        and filters tag:ID, author:NAME, year:YYYY, venue:NAME (quote values with spaces).
        Exits 1 when the site has no index (build it first).

        Examples:
          digest search "reward model rlhf"
          digest search 'diffusion year:2024 author:"Yoshua Bengio"'
          digest search --json --limit 3 transfomer
        """)
    )

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The built site (default: public/ in the site).", valueName: "dir"))
    var output: String?

    @Option(name: [.customShort("n"), .long], help: "How many results to show.")
    var limit = 10

    @Flag(help: "One JSON object: the results, and the index files the query read with their bytes.")
    var json = false

    @Flag(help: "Print the words and filters the query is read as, then search.")
    var explain = false

    @Argument(help: "The query.")
    var query: [String]

    func run() throws {
        let site = output ?? SitePaths(root: siteOptions.site).output
        guard let engine = SearchEngine(read: { path in FileManager.default.contents(atPath: site + "/" + path).map { [UInt8]($0) } }) else {
            FileHandle.standardError.write(Data("\(site)/\(SearchLayout.manifest): no search index; run `digest build` first\n".utf8))
            throw ExitCode(1)
        }
        let text = query.joined(separator: " ")
        if explain {
            let (words, filters) = SearchEngine.parse(text)
            print("words: " + SearchTokenizer.tokens(words).joined(separator: " "))
            if !filters.isEmpty { print("filters: " + filters.joined(separator: " ")) }
        }
        let papers = engine.search(text)
        let shown = papers.prefix(max(limit, 0)).compactMap(engine.display)
        if json {
            let results = shown.map { r in
                "{\"path\":\(Escape.jsonString(r.path)),\"title\":\(Escape.jsonString(r.title)),\"byline\":\(Escape.jsonString(r.byline)),\"date\":\(Escape.jsonString(r.date))}"
            }
            print("{\"found\":\(papers.count),\"results\":[\(results.joined(separator: ","))],\"files\":\(engine.filesRead.count),\"bytes\":\(engine.bytesRead)}")
            return
        }
        if papers.isEmpty { print("no papers found") }
        for (n, r) in shown.enumerated() {
            print("\(n + 1). \(r.title)")
            print("   \([r.byline, r.date, r.venue].filter { !$0.isEmpty }.joined(separator: " · "))")
            print("   \(site)/\(r.path)")
        }
        if papers.count > shown.count { print("… \(papers.count - shown.count) more (--limit)") }
    }
}

import ArgumentParser
import DigestCore
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Turn listings into one Markdown record per paper.",
        discussion: helpText("""
        Reads each listing (default: every file in content/listings/), detects its format,
        and writes content/papers/<id>.md for each paper, merging a paper that appears in
        several listings into one record. Re-running changes nothing; fields you edit in a
        record by hand are kept. When no listing, record or setting has changed since the
        last ingest, it repeats that report without parsing; a record unchanged since the
        last ingest is not parsed again (see --no-cache). A listing removed from
        content/listings/ leaves its records, which is said; --prune deletes those naming
        no listing still there. Exits 1 when any listing or record had errors; the other
        listings are still ingested.

        Examples:
          digest ingest
          digest ingest ~/Downloads/iclr-poster-session-6.txt --venue "ICLR 2024"
          digest ingest content/listings/004_daily.txt --year 2025 --dry-run
          digest ingest --prune --dry-run
        """)
    )

    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("Listing files or folders.", valueName: "path"))
    var paths: [String] = []

    @Option(help: "Read the listings as this format instead of detecting it (\(ListingFormat.allCases.map(\.rawValue).joined(separator: ", "))).")
    var format: ListingFormat?

    @Option(help: "The venue of the papers, when the listing does not say it (e.g. \"ICLR 2024\").")
    var venue: String?

    @Option(help: "The year of dates shown without one (e.g. `Sep 28`); inferred from the listing when not given.")
    var year: Int?

    @Flag(help: "Report what would change without writing anything.")
    var dryRun = false

    @Flag(help: "Delete the records that name only listings no longer in content/listings/, and take such listings out of other records' sources.")
    var prune = false

    @Flag(help: "Parse every listing and record even when nothing has changed since the last ingest.")
    var noCache = false

    @Option(help: .hidden)
    var today: String?

    func run() throws {
        var options = IngestOptions(
            siteFolder: siteOptions.site,
            paths: paths,
            settings: ListingSettings(format: format, venue: venue, year: year),
            today: try todayDay(),
            dryRun: dryRun,
            useCache: !noCache
        )
        options.processEndsAfter = true
        options.prune = prune
        let report = Ingest.run(options)
        // The papers merged across listings are detail: a large listing merges thousands.
        output.show(report.render(merged: output.verbose))
        if report.hasErrors { throw ExitCode(1) }
    }

    /// A record's date is written YYYY-MM-DD, and a build refuses any other: `--year 0` wrote
    /// dates such as `0-02-07`, and every record with one was left out of the site.
    func validate() throws {
        if let year, !SiteConfig.isFourDigitYear(year) { throw ValidationError("--year takes a year of four digits, like 2024, not \(year)") }
    }

    /// Today, or the day given with the hidden --today option (tests pin it).
    func todayDay() throws -> CalendarDay {
        if let today {
            let parts = today.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, RecordCheck.isCalendarDate(today) else { throw ValidationError("--today takes a day written YYYY-MM-DD") }
            return CalendarDay(year: parts[0], month: parts[1], day: parts[2])
        }
        return CalendarDay.today()
    }
}

extension ListingFormat: ExpressibleByArgument {}

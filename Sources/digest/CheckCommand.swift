import ArgumentParser
import DigestCore
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check digest.yml, every record and the site's templates without building.",
        discussion: helpText("""
        Reports each problem as file:line: severity: message. Errors are what a build cannot
        use (a record without a title, a date that is no date, a field of the wrong type, a
        template that does not parse); warnings are what it ignores (an unknown field or
        setting) or what looks wrong (two records with the same title). `digest build` makes
        the same checks. Exits 1 when there is an error.

        Examples:
          digest check
          digest check -C ~/lab-digest --quiet    # only the problems
        """)
    )

    @OptionGroup var siteOptions: SiteOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = SiteCheck.run(siteFolder: siteOptions.site)
        let sorted = report.diagnostics.sorted { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) }
        let errors = sorted.filter { $0.severity == .error }.count
        let drafts = report.drafts == 0 ? "" : " (\(counted(report.drafts, "draft")), left out of the site)"
        let summary = "checked \(SiteConfig.fileName), \(counted(report.records, "record"))\(drafts), \(counted(report.templates, "template")) of the site's own: "
            + "\(counted(errors, "error")), \(counted(sorted.count - errors, "warning"))"
        output.show((sorted.map(\.description) + [summary]).joined(separator: "\n"))
        if report.hasErrors { throw ExitCode(1) }
    }
}

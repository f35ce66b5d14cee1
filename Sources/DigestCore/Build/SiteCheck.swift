import Foundation

/// `digest check`: the site's configuration, every record and the templates, checked without
/// building. A build makes the same record and configuration checks as it loads.
public enum SiteCheck {
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        public var records = 0
        /// Records marked `draft: true`: checked, left out of the site.
        public var drafts = 0
        public var templates = 0
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public static func run(siteFolder: String) -> Report {
        var report = Report()
        let site = SitePaths(root: siteFolder)
        if let notASite = site.notASite {
            report.diagnostics.append(notASite)
            return report
        }
        do { report.diagnostics += try SiteConfig.loadChecked(siteFolder: site.root).warnings } catch { report.diagnostics.append(error.diagnostic) }

        let store = RecordStore(folder: site.papers)
        // (A draft's title is not compared: a paper in two records is what a draft may hide.)
        let checked = store.readEach { id, read -> (id: String, problems: [Diagnostic], titleKey: String?, draft: Bool) in
            switch read {
            case .failure(let diagnostic): return (id, [diagnostic], nil, false)
            case .success(let record):
                let draft = record.bool("draft")
                let key = draft ? nil : record.string("title").map(TextNormalization.identityKey)
                return (id, RecordCheck.problems(record, file: store.path(for: id)), key?.isEmpty == false ? key : nil, draft)
            }
        }
        report.records = checked.count
        report.drafts = checked.filter(\.draft).count
        var firstWithTitle: [String: String] = [:]
        for (id, problems, titleKey, _) in checked {
            report.diagnostics += problems
            guard let key = titleKey else { continue }
            if let other = firstWithTitle[key] {
                report.diagnostics.append(Diagnostic(file: store.path(for: id), line: 2, .warning,
                                                     "same title as \(other).md: one paper in two records? (merge them, or retitle one)"))
            } else {
                firstWithTitle[key] = id
            }
        }
        switch TemplateSet.load(siteTemplates: site.templates) {
        case .success(let set):
            report.templates = set.overridden.count
            report.diagnostics += set.warnings
        case .failure(let errors): report.diagnostics += errors.all
        }
        return report
    }
}

import Foundation


/// `digest check`: the site's configuration, every record and the templates, checked without
/// building. A build makes the same record and configuration checks as it loads.
public enum SiteCheck {
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        public var records = 0
        public var templates = 0
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public static func run(siteFolder: String) -> Report {
        var report = Report()
        let site = SitePaths(root: siteFolder)
        do { report.diagnostics += try SiteConfig.loadChecked(siteFolder: site.root).warnings } catch { report.diagnostics.append(error.diagnostic) }

        let store = RecordStore(folder: site.papers)
        let ids = store.ids()
        report.records = ids.count
        let checked = ParallelMap.run(ids.count) { i -> (problems: [Diagnostic], titleKey: String?) in
            let file = store.path(for: ids[i])
            switch store.read(id: ids[i]) {
            case .failure(let diagnostic): return ([diagnostic], nil)
            case .success(let record):
                let key = record.string("title").map(TextNormalization.identityKey)
                return (RecordCheck.problems(record, file: file), key?.isEmpty == false ? key : nil)
            }
        }
        var firstWithTitle: [String: String] = [:]
        for (id, result) in zip(ids, checked) {
            report.diagnostics += result.problems
            guard let key = result.titleKey else { continue }
            if let other = firstWithTitle[key] {
                report.diagnostics.append(Diagnostic(file: store.path(for: id), line: 2, .warning,
                                                     "same title as \(other).md: one paper in two records? (merge them, or retitle one)"))
            } else {
                firstWithTitle[key] = id
            }
        }
        switch TemplateSet.load(siteTemplates: site.templates) {
        case .success(let set): report.templates = set.overridden.count
        case .failure(let errors): report.diagnostics += errors.all
        }
        return report
    }
}

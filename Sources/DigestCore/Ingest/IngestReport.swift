/// What `digest ingest` did, per listing and in total, and everything it has to say.
public struct IngestReport: Sendable, Equatable {
    public enum Outcome: Sendable { case added, updated, unchanged }

    public struct ListingSummary: Sendable, Equatable {
        public let path: String
        public let name: String
        public var format: ListingFormat?
        public var formatForced = false
        public var entries = 0
        public var added = 0, updated = 0, unchanged = 0
        public var yearNote: String?
        /// The listing's name before it was renamed on disk, when this ingest found that (`ListingRenames`).
        public var renamedFrom: String?
        public var diagnostics: [Diagnostic] = []

        mutating func count(_ outcome: Outcome) {
            switch outcome {
            case .added: added += 1
            case .updated: updated += 1
            case .unchanged: unchanged += 1
            }
        }

    }

    /// A listing records name that is neither in `content/listings/` nor read now (removed,
    /// or never kept there), and not renamed: its papers stay on the site, which is said,
    /// unless `--prune` takes them off.
    public struct GoneListing: Sendable, Equatable {
        public enum Pruned: Int, Sendable { case no, wouldBe, yes }
        public let name: String
        /// Where it would be: in the site's `content/listings/`.
        public let path: String
        /// The records naming it, and those of them naming no listing that is there.
        public let records: Int
        public let alone: Int
        public var pruned = Pruned.no

        var line: String {
            switch pruned {
            case .no:
                let others = alone == records ? "" : alone == 0 ? ", each beside a listing that is there" : ", \(alone) of them no listing that is there"
                return "\(path): not there, named by \(counted(records, "record"))\(others); their papers stay on the site "
                    + "(`draft: true` in a record, or deleting it, takes one off; `--prune` deletes those naming no listing that is there)"
            case .wouldBe, .yes:
                let verb = pruned == .yes ? "" : "would be "
                let parts = (alone == 0 ? [] : ["\(counted(alone, "record")) \(verb)deleted"])
                    + (records == alone ? [] : ["\(counted(records - alone, "record")) \(pruned == .yes ? "no longer names" : "would no longer name") it"])
                return "\(path): not there: \(parts.joined(separator: ", ")) (--prune)"
            }
        }
    }

    public struct Merge: Sendable, Equatable {
        public let title: String
        public let sources: [SourceRef]
    }

    public var listings: [ListingSummary] = []
    /// Problems not tied to one listing: the config, unreadable records, failed writes.
    public var diagnostics: [Diagnostic] = []
    public var distinctPapers = 0
    public var merged: [Merge] = []
    /// By name.
    public var gone: [GoneListing] = []
    public var written = 0
    /// Nothing read had changed since the last ingest, whose report this repeats (`IngestCache`).
    public var repeated = false

    /// The report as a run that changed nothing tells it: every paper unchanged.
    var asUnchanged: IngestReport {
        var report = self
        for i in report.listings.indices {
            report.listings[i].unchanged += report.listings[i].added + report.listings[i].updated
            report.listings[i].added = 0
            report.listings[i].updated = 0
            report.listings[i].renamedFrom = nil
        }
        report.written = 0
        return report
    }

    public var allDiagnostics: [Diagnostic] { listings.flatMap(\.diagnostics) + diagnostics }
    public var hasErrors: Bool { allDiagnostics.contains { $0.severity == .error } }

    /// The report as printed; the papers merged across listings (thousands, for a large
    /// listing) only when `merged`.
    public func render(merged showMerged: Bool = true) -> String {
        var out: [String] = []
        for listing in listings {
            if let format = listing.format {
                var line = "\(listing.path): \(format.displayName)\(listing.formatForced ? " (forced)" : ""), \(counted(listing.entries, "paper"))"
                if listing.entries > 0 && !(listing.diagnostics.contains { $0.severity == .error && $0.line == nil }) {
                    line += ": \(listing.added) added, \(listing.updated) updated, \(listing.unchanged) unchanged"
                }
                out.append(line)
                if let note = listing.yearNote { out.append("  \(note)") }
                if let old = listing.renamedFrom { out.append("  renamed from \(old): the sources of its records now name \(listing.name)") }
            } else {
                out.append("\(listing.path): not ingested")
            }
            for diagnostic in listing.diagnostics { out.append("  \(diagnostic)") }
        }
        out += gone.map(\.line)
        for diagnostic in diagnostics { out.append(diagnostic.description) }
        if showMerged, !merged.isEmpty {
            out.append("Merged across listings:")
            for merge in merged {
                let where_ = merge.sources.map { "\($0.listing):\($0.line)" }.joined(separator: ", ")
                out.append("  \(merge.title) (\(where_))")
            }
        }
        if repeated { out.append("Nothing changed since the last ingest (listings, records and settings as then); nothing parsed.") }
        let errors = allDiagnostics.filter { $0.severity == .error }.count
        let warnings = allDiagnostics.count - errors
        let read = listings.filter { $0.format != nil && $0.entries > 0 }.count
        out.append("\(counted(distinctPapers, "distinct paper")) from \(counted(read, "listing")); \(counted(written, "record")) written; \(counted(errors, "error")), \(counted(warnings, "warning"))")
        return out.joined(separator: "\n") + "\n"
    }
}

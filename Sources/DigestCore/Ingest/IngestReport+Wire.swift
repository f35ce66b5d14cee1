/// The report as the ingest cache keeps it (`IngestCache`), in the caches' own byte form: a
/// large ingest's report lists every paper merged across listings (10,000 for three 10k
/// listings), and Foundation's JSON encoder took a twentieth of the ingest's CPU for it.
extension IngestReport: WireValue {
    func write(to wire: inout [UInt8]) {
        listings.write(to: &wire)
        diagnostics.write(to: &wire)
        distinctPapers.write(to: &wire)
        merged.write(to: &wire)
        gone.write(to: &wire)
        written.write(to: &wire)
        repeated.write(to: &wire)
    }

    static func read(from wire: inout WireReader) -> IngestReport? {
        var report = IngestReport()
        guard let listings = [ListingSummary].read(from: &wire), let diagnostics = [Diagnostic].read(from: &wire),
              let distinctPapers = Int.read(from: &wire), let merged = [Merge].read(from: &wire),
              let gone = [GoneListing].read(from: &wire), let written = Int.read(from: &wire), let repeated = Bool.read(from: &wire) else { return nil }
        (report.listings, report.diagnostics, report.distinctPapers) = (listings, diagnostics, distinctPapers)
        (report.merged, report.gone, report.written, report.repeated) = (merged, gone, written, repeated)
        return report
    }
}

extension IngestReport.ListingSummary: WireValue {
    func write(to wire: inout [UInt8]) {
        path.write(to: &wire)
        name.write(to: &wire)
        format.map(\.rawValue).write(to: &wire)
        formatForced.write(to: &wire)
        for count in [entries, added, updated, unchanged] { count.write(to: &wire) }
        yearNote.write(to: &wire)
        renamedFrom.write(to: &wire)
        diagnostics.write(to: &wire)
    }

    static func read(from wire: inout WireReader) -> IngestReport.ListingSummary? {
        guard let path = String.read(from: &wire), let name = String.read(from: &wire), let format = String?.read(from: &wire),
              let forced = Bool.read(from: &wire), let entries = Int.read(from: &wire), let added = Int.read(from: &wire),
              let updated = Int.read(from: &wire), let unchanged = Int.read(from: &wire),
              let yearNote = String?.read(from: &wire), let renamedFrom = String?.read(from: &wire), let diagnostics = [Diagnostic].read(from: &wire) else { return nil }
        var summary = IngestReport.ListingSummary(path: path, name: name)
        if let format { guard let known = ListingFormat(rawValue: format) else { return nil }; summary.format = known }
        summary.formatForced = forced
        (summary.entries, summary.added, summary.updated, summary.unchanged) = (entries, added, updated, unchanged)
        (summary.yearNote, summary.renamedFrom, summary.diagnostics) = (yearNote, renamedFrom, diagnostics)
        return summary
    }
}

extension IngestReport.GoneListing: WireValue {
    func write(to wire: inout [UInt8]) {
        name.write(to: &wire)
        path.write(to: &wire)
        records.write(to: &wire)
        alone.write(to: &wire)
        pruned.rawValue.write(to: &wire)
    }

    static func read(from wire: inout WireReader) -> IngestReport.GoneListing? {
        guard let name = String.read(from: &wire), let path = String.read(from: &wire), let records = Int.read(from: &wire),
              let alone = Int.read(from: &wire), let pruned = Int.read(from: &wire).flatMap(IngestReport.GoneListing.Pruned.init(rawValue:))
        else { return nil }
        return IngestReport.GoneListing(name: name, path: path, records: records, alone: alone, pruned: pruned)
    }
}

extension IngestReport.Merge: WireValue {
    func write(to wire: inout [UInt8]) {
        title.write(to: &wire)
        sources.write(to: &wire)
    }

    static func read(from wire: inout WireReader) -> IngestReport.Merge? {
        guard let title = String.read(from: &wire), let sources = [SourceRef].read(from: &wire) else { return nil }
        return IngestReport.Merge(title: title, sources: sources)
    }
}

extension SourceRef: WireValue {
    func write(to wire: inout [UInt8]) {
        listing.write(to: &wire)
        line.write(to: &wire)
    }

    static func read(from wire: inout WireReader) -> SourceRef? {
        guard let listing = String.read(from: &wire), let line = Int.read(from: &wire) else { return nil }
        return SourceRef(listing: listing, line: line)
    }
}

extension Diagnostic: WireValue {
    func write(to wire: inout [UInt8]) {
        file.write(to: &wire)
        line.write(to: &wire)
        (severity == .error).write(to: &wire)
        message.write(to: &wire)
    }

    static func read(from wire: inout WireReader) -> Diagnostic? {
        guard let file = String.read(from: &wire), let line = Int?.read(from: &wire), let isError = Bool.read(from: &wire),
              let message = String.read(from: &wire) else { return nil }
        return Diagnostic(file: file, line: line, isError ? .error : .warning, message)
    }
}

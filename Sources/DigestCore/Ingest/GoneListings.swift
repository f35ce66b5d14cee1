import Foundation

/// A listing removed from `content/listings/` took none of its papers off the site, and
/// ingest said nothing of it: records are what the site is made from, and ingest never
/// deletes one (it may hold edits by hand). Now each listing the records name that is not
/// there is said, with how many records name it and how many of those name no listing that
/// is there: the papers that are on the site only because their records are.
extension Ingest {
    /// `gone`: listings records name, neither read now nor in `folder`. By name.
    static func goneListings(_ gone: Set<String>, entries: [RecordIndex.Entry], folder: String) -> [IngestReport.GoneListing] {
        guard !gone.isEmpty else { return [] }
        var records: [String: Int] = [:], alone: [String: Int] = [:]
        for entry in entries {
            let named = entry.listings.filter(gone.contains)
            guard !named.isEmpty else { continue }
            let onlyGone = named.count == entry.listings.count
            for listing in named {  // (an entry names each of its listings once)
                records[listing, default: 0] += 1
                if onlyGone { alone[listing, default: 0] += 1 }
            }
        }
        return records.keys.sorted().map {
            IngestReport.GoneListing(name: $0, path: folder + "/" + $0, records: records[$0]!, alone: alone[$0] ?? 0)
        }
    }
}

/// `digest ingest --prune`: the records naming only listings that are not there are deleted,
/// and the other records naming one no longer do (its source page goes). Asked for, as a
/// record may hold edits by hand; refused when `content/listings/` holds no listing at all,
/// where every record would go.
enum ListingPrune {
    /// What is pruned for each listing in `gone`, done unless `dryRun`; problems in `diagnostics`.
    static func run(_ gone: inout [IngestReport.GoneListing], entries: [RecordIndex.Entry], store: RecordStore, listingsFolder: String,
                    dryRun: Bool, diagnostics: inout [Diagnostic]) {
        guard !gone.isEmpty else { return }
        var ignored: [Diagnostic] = []  // (a folder with no listing is refused below)
        guard !ListingFiles.expand([listingsFolder], diagnostics: &ignored).isEmpty else {
            diagnostics.append(Diagnostic(file: listingsFolder, line: nil, .error,
                "--prune: no listing here, so every record would be deleted; nothing was pruned"))
            return
        }
        for i in gone.indices { gone[i].pruned = dryRun ? .wouldBe : .yes }
        guard !dryRun else { return }
        let names = Set(gone.map(\.name))
        let affected = entries.filter { $0.listings.contains(where: names.contains) }
        // Each record on its own core; read again from disk, after this ingest's writes.
        let problems = ParallelMap.run(affected.count) { i -> Diagnostic? in
            let entry = affected[i], path = store.path(for: entry.id)
            if entry.listings.allSatisfy(names.contains) {
                return unlink(path) == 0 || errno == ENOENT ? nil
                    : Diagnostic(file: path, line: nil, .error, "cannot delete: \(String(cString: strerror(errno)))")
            }
            switch store.read(id: entry.id) {
            case .failure(let diagnostic): return diagnostic
            case .success(var record):
                let kept = RecordFields.sourceRefs(in: record).filter { !names.contains($0.listing) }
                RecordFields.set("sources", RecordFields.sources(Array(Set(kept)).sorted()), in: &record)
                RecordFields.giveUsualStyles(&record)
                do { try store.write(record) } catch { return Diagnostic(file: path, line: nil, .error, "\(error)") }
                return nil
            }
        }
        diagnostics += problems.compactMap { $0 }
    }
}

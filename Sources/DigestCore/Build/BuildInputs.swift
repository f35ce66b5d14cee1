import Foundation

/// What a build reads besides what the build cache's fingerprint covers (templates, assets,
/// config, options, KaTeX, the digest executable), as one hash of file stamps: every entry of
/// the records and listings folders, and `digest.yml` (whose warnings the report repeats).
/// When it and the fingerprint are as at the last build and every file that build wrote is
/// there, the site is what this build would write, so it reads no record at all.
struct BuildInputs {
    /// The hash, as the build cache keeps it.
    let stamp: String
    /// The same for the files besides the records alone: a build whose records were written
    /// again with the bytes they had (`SiteLoader.Loaded.recordsKey`) and whose other files
    /// are as they were makes the site it made.
    let others: String
    /// The records, each with its file's stamp (`RecordStore.stampedIDs`): the paper cache needs them too.
    let records: [(id: String, stamp: FileStamp?)]

    /// (`known`: the records' stamps as the caller keeps them, `BuildOptions.records`.)
    init(_ site: SitePaths, known: RecordStamps? = nil) {
        let store = RecordStore(folder: site.papers)
        records = known.flatMap { $0.folder == store.folder ? $0.records : nil } ?? store.stampedIDs()
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: site.listings)) ?? []).sorted().map { site.listings + "/" + $0 }
            + [site.path(SiteConfig.fileName)]
        let otherStamps = ParallelMap.run(others.count) { FileStamp(path: others[$0]) }
        var othersHash = ContextHash()
        for (path, stamp) in zip(others, otherStamps) {
            othersHash.add(tag: 1, path)
            if let stamp { othersHash.add(stamp) }
        }
        // Records by id in their folder: a path made for each of 100k records was a tenth of this.
        var hash = ContextHash()
        hash.add(tag: 1, store.folder)
        for (id, stamp) in records {
            hash.add(tag: 2, id)
            if let stamp { hash.add(stamp) }
        }
        hash.add(othersHash.value)
        stamp = String(hash.value, radix: 16)
        self.others = String(othersHash.value, radix: 16)
    }
}

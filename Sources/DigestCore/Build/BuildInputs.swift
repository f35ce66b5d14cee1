import Foundation

/// What a build reads besides what the build cache's fingerprint covers (templates, assets,
/// config, options, KaTeX, the digest executable), as one hash of file stamps: every entry of
/// the records and listings folders, and `digest.yml` (whose warnings the report repeats).
/// When it and the fingerprint are as at the last build and every file that build wrote is
/// there, the site is what this build would write, so it reads no record at all.
struct BuildInputs {
    /// The hash, as the build cache keeps it.
    let stamp: String
    /// Each record file's stamp, by file name: the paper cache needs them too.
    let records: [String: FileStamp]

    init(_ site: SitePaths) {
        var names: [(folder: String, name: String)] = []
        for folder in [site.papers, site.listings] {
            names += ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { (folder, $0) }
        }
        let paths = names.map { $0.folder + "/" + $0.name } + [site.path(SiteConfig.fileName)]
        let stamps = ParallelMap.run(paths.count) { [paths] in FileStamp(path: paths[$0]) }
        var hash = ContextHash()
        var records: [String: FileStamp] = [:]
        for (i, (path, stamp)) in zip(paths, stamps).enumerated() {
            hash.add(tag: 1, path)
            guard let stamp else { continue }
            hash.add(stamp)
            if i < names.count, names[i].folder == site.papers { records[names[i].name] = stamp }
        }
        self.stamp = String(hash.value, radix: 16)
        self.records = records
    }
}

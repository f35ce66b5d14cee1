import Foundation

/// What a build reads besides what the build cache's fingerprint covers (templates, assets,
/// config, options, KaTeX, the digest executable), as one hash of file stamps: every entry of
/// the records and listings folders, and `digest.yml` (whose warnings the report repeats).
/// When it and the fingerprint are as at the last build and every file that build wrote is
/// there, the site is what this build would write, so it reads no record at all.
enum BuildInputs {
    static func stamp(_ site: SitePaths) -> String {
        var paths: [String] = []
        for folder in [site.papers, site.listings] {
            paths += ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
        }
        paths.append(site.path(SiteConfig.fileName))
        let stamps = ParallelMap.run(paths.count) { [paths] in FileStamp(path: paths[$0]) }
        var hash = ContextHash()
        for (path, stamp) in zip(paths, stamps) {
            hash.add(tag: 1, path)
            if let stamp { hash.add(stamp) }
        }
        return String(hash.value, radix: 16)
    }

    /// Whether every one of `paths` under `folder` is there, looked for on every core.
    static func allExist(_ paths: [String], in folder: String) -> Bool {
        !ParallelMap.run(paths.count) { access(folder + "/" + paths[$0], F_OK) == 0 }.contains(false)
    }
}

import Foundation

/// `digest build`: records and templates in, a website out. The stages run in a fixed
/// order and each is timed: load → model → render → write.
public enum SiteBuild {
    public static func run(_ options: BuildOptions) -> BuildReport {
        var report = BuildReport()
        let site = SitePaths(root: options.siteFolder)
        let output = options.output ?? site.output
        report.output = output
        var clock = StageClock()

        guard let loaded = SiteLoader.load(site, diagnostics: &report.diagnostics) else { return report }
        let templates: TemplateSet
        switch TemplateSet.load(siteTemplates: site.templates) {
        case .success(let set): templates = set
        case .failure(let errors):
            report.diagnostics += errors.all
            return report
        }
        if !templates.overridden.isEmpty { report.notes.append("site templates: " + templates.overridden.joined(separator: ", ")) }
        report.stages.append(("load", clock.lap()))

        let model = SiteModel(config: loaded.config, papers: loaded.papers, listings: loaded.listings)
        report.stages.append(("model", clock.lap()))

        let katex = KaTeXAssets.files(in: options.katexFolder)
        if katex.isEmpty { report.notes.append("KaTeX not found at \(options.katexFolder) (Debian: libjs-katex); math shows as TeX") }
        let baseURL = options.baseURL ?? loaded.config.baseURL
        if baseURL.isEmpty { report.diagnostics.append(Diagnostic(file: SiteConfig.fileName, line: nil, .warning, "no base_url: feeds, sitemap and canonical links need one (set it, or pass --base-url)")) }
        let fingerprint = Self.fingerprint(templates: templates, config: loaded.config, baseURL: baseURL, options: options, katex: katex)
        let cachePath = BuildCache.path(siteFolder: options.siteFolder, output: output)
        let previous = options.clean ? nil : BuildCache.load(cachePath).flatMap {
            $0.fingerprint == fingerprint && $0.output == output && FileManager.default.fileExists(atPath: output) ? $0 : nil
        }
        let renderer = SiteRenderer(model: model, templates: templates, linkStyle: options.linkStyle, katex: !katex.isEmpty, baseURL: baseURL)
            .prepared(renderAll: previous == nil)
        let pages = renderer.pages()
        // Each page's inputs are its template context; a page whose context hashes as last
        // time (and whose file is still there) is not rendered again.
        let results = ParallelMap.run(pages.count) { i -> (hash: UInt64, bytes: [UInt8]?) in
            let context = renderer.context(for: pages[i])
            let hash = ContextHash.of(context)
            if let previous, previous.hashes[pages[i].path] == hash, FileManager.default.fileExists(atPath: output + "/" + pages[i].path) {
                return (hash, nil)
            }
            return (hash, Array(renderer.render(context, page: pages[i]).utf8))
        }
        var outputs: [(path: String, hash: UInt64, bytes: [UInt8]?)] = zip(pages, results).map { ($0.path, $1.hash, $1.bytes) }
        for page in pages { report.counts[page.kind.group, default: 0] += 1 }
        var other: [(path: String, bytes: [UInt8])] = [("feed.xml", Array(renderer.siteFeed().utf8))]
        for i in model.tags.indices { other.append(("tags/\(model.tags[i].id)/feed.xml", Array(renderer.tagFeed(i).utf8))) }
        report.counts["feeds"] = 1 + model.tags.count
        other.append(("sitemap.xml", Array(renderer.sitemap(pages).utf8)))
        other.append(("robots.txt", Array(renderer.robots().utf8)))
        report.counts["other files"] = 2
        let assets = templates.assets.sorted { $0.key < $1.key }.map { (path: $0.key, bytes: $0.value) } + katex
        report.counts["assets"] = assets.count
        for file in other + assets {
            let hash = ContextHash.of(bytes: file.bytes)
            let unchanged = previous?.hashes[file.path] == hash && FileManager.default.fileExists(atPath: output + "/" + file.path)
            outputs.append((file.path, hash, unchanged ? nil : file.bytes))
        }
        report.stages.append(("render", clock.lap()))

        let changed = outputs.compactMap { o in o.bytes.map { (path: o.path, bytes: $0) } }
        report.rewritten = changed.count
        report.total = outputs.count
        report.incremental = previous != nil
        if let previous {
            // Incremental: changed files replaced one by one (each atomically), outputs that
            // no longer exist removed.
            let gone = Set(previous.hashes.keys).subtracting(outputs.map(\.path))
            do {
                try Self.writeInPlace(changed, removing: gone.sorted(), in: output)
                report.written = true
                report.removed = gone.count
            } catch {
                report.diagnostics.append(Diagnostic(file: output, line: nil, .error, "\(error)"))
            }
            report.stages.append(("write", clock.lap()))
        } else {
            let folder = OutputFolder(target: output)
            do {
                try folder.prepare()
                try folder.write(changed)
                try folder.swapIn()
                report.written = true
            } catch {
                folder.discard()
                report.diagnostics.append(Diagnostic(file: output, line: nil, .error, "\(error)"))
            }
            report.stages.append(("write", clock.lap()))
            folder.removeOld()
            report.stages.append(("remove old site", clock.lap()))
        }
        if report.written {
            let cache = BuildCache(fingerprint: fingerprint, output: output,
                                   hashes: Dictionary(uniqueKeysWithValues: outputs.map { ($0.path, $0.hash) }))
            try? cache.save(cachePath)
        } else {
            try? FileManager.default.removeItem(atPath: cachePath)
        }
        return report
    }
}

extension SiteBuild {
    static let version = "0.3"

    /// What every page depends on besides its own context.
    static func fingerprint(templates: TemplateSet, config: SiteConfig, baseURL: String, options: BuildOptions,
                            katex: [(path: String, bytes: [UInt8])]) -> String {
        var hash = ContextHash()
        hash.add(tag: 1, version)
        hash.add(tag: 2, String(templates.fingerprint, radix: 16))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        hash.add((try? encoder.encode(config)).map { [UInt8]($0) } ?? [])
        hash.add(tag: 3, baseURL)
        hash.add(tag: 4, options.linkStyle.rawValue)
        for file in katex { hash.add(tag: 5, file.path); hash.add(file.bytes) }
        return String(hash.value, radix: 16)
    }

    static func writeInPlace(_ files: [(path: String, bytes: [UInt8])], removing gone: [String], in output: String) throws {
        for file in files {
            let path = output + "/" + file.path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(file.bytes, to: path)
        }
        for relative in gone {
            try? FileManager.default.removeItem(atPath: output + "/" + relative)
            // Remove folders the deletion left empty, up to the output folder.
            var folder = (relative as NSString).deletingLastPathComponent
            while !folder.isEmpty, (try? FileManager.default.contentsOfDirectory(atPath: output + "/" + folder))?.isEmpty == true {
                try? FileManager.default.removeItem(atPath: output + "/" + folder)
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
    }
}

struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}

/// `map` over 0..<count on every core, results in index order.
enum ParallelMap {
    static func run<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, transform($0)) }
        return slots.values
    }

    /// Each index is written by exactly one iteration, so no two writers meet.
    private final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        init(_ count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: T) { storage.withUnsafeMutableBufferPointer { $0[i] = value } }
        var values: [T] { storage.map { $0! } }
    }
}

/// KaTeX from Debian's libjs-katex, copied under `assets/katex/`.
enum KaTeXAssets {
    static func files(in folder: String) -> [(path: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        for name in ["katex.min.js", "katex.min.css"] {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { return [] }
            files.append(("assets/katex/" + name, [UInt8](data)))
        }
        let fonts = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/fonts")) ?? []).sorted()
        for font in fonts {
            if let data = FileManager.default.contents(atPath: folder + "/fonts/" + font) { files.append(("assets/katex/fonts/" + font, [UInt8](data))) }
        }
        return files
    }
}

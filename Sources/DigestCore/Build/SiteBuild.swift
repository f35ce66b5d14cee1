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
        let renderer = SiteRenderer(model: model, templates: templates, linkStyle: options.linkStyle, katex: !katex.isEmpty, baseURL: baseURL)
            .withRenderedItems()
        let pages = renderer.pages()
        let rendered = ParallelMap.run(pages.count) { Array(renderer.render(pages[$0]).utf8) }
        var files: [(path: String, bytes: [UInt8])] = zip(pages, rendered).map { ($0.path, $1) }
        for page in pages { report.counts[page.kind.group, default: 0] += 1 }
        files.append(("feed.xml", Array(renderer.siteFeed().utf8)))
        for i in model.tags.indices { files.append(("tags/\(model.tags[i].id)/feed.xml", Array(renderer.tagFeed(i).utf8))) }
        report.counts["feeds"] = 1 + model.tags.count
        files.append(("sitemap.xml", Array(renderer.sitemap(pages).utf8)))
        files.append(("robots.txt", Array(renderer.robots().utf8)))
        report.counts["other files"] = 2
        let assets = templates.assets.sorted { $0.key < $1.key }.map { (path: $0.key, bytes: $0.value) } + katex
        files += assets
        report.counts["assets"] = assets.count
        report.stages.append(("render", clock.lap()))

        let folder = OutputFolder(target: output)
        do {
            try folder.prepare()
            try folder.write(files)
            try folder.swapIn()
            report.written = true
        } catch {
            folder.discard()
            report.diagnostics.append(Diagnostic(file: output, line: nil, .error, "\(error)"))
        }
        report.stages.append(("write", clock.lap()))
        folder.removeOld()
        report.stages.append(("remove old site", clock.lap()))
        return report
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

import Foundation
import Yams

/// The first stage: the config, the records as papers, and what each listing's header says.
enum SiteLoader {
    struct Loaded {
        var config: SiteConfig
        var papers: [Paper]
        var listings: [String: ListingInfo]
    }

    static func load(_ site: SitePaths, diagnostics: inout [Diagnostic]) -> Loaded? {
        let config: SiteConfig
        do { config = try SiteConfig.load(siteFolder: site.root) } catch {
            diagnostics.append(error.diagnostic)
            return nil
        }
        // Records are read and parsed on every core; only `Paper` values (Sendable) come back.
        let store = RecordStore(folder: site.papers)
        let ids = store.ids()
        let results = ParallelMap.run(ids.count) { i -> Result<Paper, Diagnostic> in
            store.read(id: ids[i], resolver: .basic).flatMap { Paper.from($0, file: store.path(for: ids[i])) }
        }
        var papers: [Paper] = []
        papers.reserveCapacity(results.count)
        for result in results {
            switch result {
            case .success(let paper): papers.append(paper)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        // Only headers are needed; a listing that cannot be read leaves its source page plainer.
        var listings: [String: ListingInfo] = [:]
        let listingNames = Set(papers.flatMap { $0.sources.map(\.listing) })
        for name in listingNames.sorted() {
            let path = site.listings + "/" + name
            guard !SymbolicLink.isLink(path), let bytes = FileManager.default.contents(atPath: path) else { continue }
            let text = ListingText(path: name, name: name, bytes: bytes)
            let format = config.listings[name]?.format ?? FormatDetector.detect(text)
            let header = format.map { $0.parser.parse(text).header } ?? ListingHeader()
            listings[name] = ListingInfo(format: format, header: header)
        }
        return Loaded(config: config, papers: papers, listings: listings)
    }
}

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
        config(site, diagnostics: &diagnostics).map { load(site, config: $0, diagnostics: &diagnostics) }
    }

    /// `digest.yml`, with a warning for each key it does not know; nil when it cannot be used.
    static func config(_ site: SitePaths, diagnostics: inout [Diagnostic]) -> SiteConfig? {
        do {
            let (config, warnings) = try SiteConfig.loadChecked(siteFolder: site.root)
            diagnostics += warnings
            return config
        } catch {
            diagnostics.append(error.diagnostic)
            return nil
        }
    }

    /// The records and listing headers, once the config is known.
    static func load(_ site: SitePaths, config: SiteConfig, diagnostics: inout [Diagnostic]) -> Loaded {
        // The checks `digest check` makes run here too: a record with an error is left out,
        // a warning is reported and the record used.
        let store = RecordStore(folder: site.papers)
        let results = store.readEach { id, read -> (paper: Paper?, problems: [Diagnostic]) in
            switch read {
            case .failure(let diagnostic): return (nil, [diagnostic])
            case .success(let record): return Paper.checked(record, file: store.path(for: id))
            }
        }
        var papers: [Paper] = []
        papers.reserveCapacity(results.count)
        for result in results {
            if let paper = result.paper { papers.append(paper) }
            diagnostics += result.problems
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

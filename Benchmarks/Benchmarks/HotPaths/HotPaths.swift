import Benchmark
import DigestCore
import Foundation

// The sample site's listings and records, read once: the repository is the sample site.
let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
let listingNames = ["001_37758aaf28c704c9.txt", "002_399c9b84d8821e2e.txt", "004_6d046406d792592b.txt"]
let listings = listingNames.map { name in
    ListingText(path: name, name: name, bytes: [UInt8](FileManager.default.contents(atPath: repo + "/content/listings/" + name)!))
}
let recordTexts: [(String, String)] = {
    let folder = repo + "/content/papers"
    return try! FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
        (String($0.dropLast(3)), try! String(contentsOfFile: folder + "/" + $0, encoding: .utf8))
    }
}()
let papers = recordTexts.map { try! Paper.from(try! RecordCoding.read(id: $0.0, text: $0.1), file: $0.0).get() }

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.maxDuration = .seconds(2)

    Benchmark("parse: three sample listings (daily ×2, poster)") { benchmark in
        for _ in benchmark.scaledIterations {
            for listing in listings { blackHole(FormatDetector.detect(listing)!.parser.parse(listing)) }
        }
    }

    Benchmark("record load: 505 sample records (Yams front matter)") { benchmark in
        for _ in benchmark.scaledIterations {
            for (id, text) in recordTexts { blackHole(try? RecordCoding.read(id: id, text: text)) }
        }
    }

    Benchmark("related papers: 505 sample papers") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(RelatedPapers.compute(papers)) }
    }

    Benchmark("index build: site model of 505 papers (authors, tags, sources, related)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SiteModel(config: SiteConfig(), papers: papers, listings: [:]))
        }
    }

    Benchmark("render one page: a paper page") { benchmark in
        let model = SiteModel(config: SiteConfig(), papers: papers, listings: [:])
        let templates = try! TemplateSet.load(siteTemplates: "/nonexistent").get()
        let renderer = SiteRenderer(model: model, templates: templates, linkStyle: .pretty, katex: true, baseURL: "https://example.org/")
            .prepared()
        let page = renderer.pages().first { if case .paper = $0.kind { return true } else { return false } }!
        benchmark.startMeasurement()
        // (As a build writes it: onto bytes.)
        for _ in benchmark.scaledIterations { blackHole(renderer.renderBytes(page)) }
    }
}

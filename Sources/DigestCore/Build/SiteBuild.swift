import Algorithms
import CDigestSys
import Foundation

/// `digest build`: records and templates in, a website out. The stages run in a fixed
/// order and each is timed: load → model → related papers, beside the search index → render
/// and write.
public enum SiteBuild {
    public static func run(_ options: BuildOptions) -> BuildReport {
        var report = BuildReport()
        let site = SitePaths(root: options.siteFolder)
        let given = options.output ?? site.output
        report.output = given
        let output = OutputGuard.linkTarget(given) ?? given
        var clock = StageClock()
        if let notASite = site.notASite {
            report.diagnostics.append(notASite)
            return report
        }
        if let refusal = OutputGuard.refusal(output: output, site: site) {
            report.diagnostics.append(Diagnostic(file: given, line: nil, .error, refusal))
            return report
        }

        let folder = OutputFolder(target: output)
        folder.emptyTrash()
        guard let config = SiteLoader.config(site, diagnostics: &report.diagnostics) else { return report }
        let loadedTemplates = TemplateSet.load(siteTemplates: site.templates)
        let katex = KaTeXAssets.files(in: options.katexFolder)
        if let url = options.baseURL, let problem = SiteConfig.baseURLProblem(url) {
            report.diagnostics.append(Diagnostic(file: "--base-url", line: nil, .error, problem))
            return report
        }
        let baseURL = options.baseURL ?? config.baseURL
        let cachePath = BuildCache.path(siteFolder: options.siteFolder, output: output)
        let cachedFolder = BuildCache.folder(output)  // the output folder as its cache names it
        // (The site is looked for first: with no site there, the cache is not worth reading. It
        // is read while the records are stated: 23 MB at 100k papers, read on one core.)
        // The previous site, which a rebuild makes the new one from, is looked through for the
        // last build's files as soon as the cache names it, in the time the stages before the
        // pages leave a core idle (`PreviousSiteLookup`); not needed after all (nothing
        // changed, or a full build), the lookup is called off.
        let cached = options.clean || !FileManager.default.fileExists(atPath: output) ? nil : BackgroundTask { () -> (BuildCache?, PreviousSiteLookup?) in
            let cache = BuildCache.load(cachePath)
            return (cache, cache.flatMap { $0.previous.isEmpty ? nil : PreviousSiteLookup($0.outputs.paths, in: folder.previousPath($0.previous), seal: $0.previousSealed) })
        }
        let inputs = BuildInputs(site, known: options.records)
        // A template error is reported after the records' problems, as the pages need both.
        let templates = try? loadedTemplates.get()
        let fingerprint = templates.map { Self.fingerprint(templates: $0, config: config, baseURL: baseURL, options: options, katex: katex) }
        let (cache, lookup) = cached?.wait() ?? (nil, nil)
        let previous = cache.flatMap { $0.fingerprint == fingerprint && $0.output == cachedFolder ? $0 : nil }
        if previous == nil { lookup?.cancel() }
        // Pages are checked and rendered on threads while the lookup's thread may still run: a
        // worker forked beside a thread mid-work could inherit a lock it holds. (Forked workers
        // are for small sites: their full builds, and rebuilds with no previous site kept,
        // have no lookup.)
        let workers = lookup == nil ? options.workers : .threads
        // The report of a build that finds the site as the last build left it (`stage`: how it
        // knows); nil when all that build wrote is not there.
        func asLastLeft(_ previous: BuildCache, _ stage: String) -> BuildReport? {
            guard let saved = previous.report, folder.holds(previous.outputs.paths, seal: previous.sealed) else { return nil }
            var unchanged = BuildReport(unchanged: saved, output: given)
            unchanged.stages.append((stage, clock.lap()))
            return unchanged
        }
        // Nothing read has changed since the last build, and all it wrote is there.
        if let previous, previous.inputs == inputs.stamp, lookup?.cancel() ?? true, let unchanged = asLastLeft(previous, "inputs unchanged") {
            // (The 350k paths of the last build's outputs and the 100k records, at 100k papers,
            // go with the process, or to the caller: `keepPastEnd`.)
            options.keepPastEnd(previous, inputs)
            return unchanged
        }
        let say = options.progress
        say?("loading \(inputs.records.count) records")
        let loaded = SiteLoader.load(site, config: config, cache: PaperCache.path(site), useCached: !options.clean,
                                     records: inputs.records, diagnostics: &report.diagnostics)
        if let first = loaded.drafts.first {
            let count = loaded.drafts.count
            report.notes.append("\(counted(count, "draft")) left out (draft: true): \(first).md\(count > 1 ? " and \(count - 1) more" : "")")
        }
        // The paper cache's changed shards (all of them, 173 MB at 100k papers, in a full build) are
        // written while the model is made.
        let cacheWrite = loaded.cacheUpdate.map { update in BackgroundTask { PaperCache.write(update, to: PaperCache.path(site)) } }
        defer { cacheWrite?.wait() }
        // Records written again with the bytes they had — touched, checked out again, or the
        // whole site copied (a CI job's fresh clone beside its cached `.digest-cache` and
        // site) — and nothing else read changed: the site is as this build would make it.
        if let previous, let records = loaded.recordsKey, previous.records == records, previous.others == inputs.others,
           lookup?.cancel() ?? true, let unchanged = asLastLeft(previous, "records as they were") {
            var cache = previous
            cache.inputs = inputs.stamp  // (the next build need not read them)
            try? cache.save(cachePath)
            options.keepPastEnd(previous, inputs, loaded)
            return unchanged
        }
        guard let templates, let fingerprint else {
            if case .failure(let errors) = loadedTemplates { report.diagnostics += errors.all }
            return report
        }
        if !templates.overridden.isEmpty { report.notes.append("site templates: " + templates.overridden.joined(separator: ", ")) }
        report.diagnostics += templates.warnings
        report.stages.append(("load", clock.lap()))

        if katex.isEmpty { report.notes.append("KaTeX not found at \(options.katexFolder) (Debian: libjs-katex); math shows as TeX") }
        if baseURL.isEmpty { report.diagnostics.append(Diagnostic(file: SiteConfig.fileName, line: nil, .warning, "no base_url: feeds, sitemap and canonical links need one (set it, or pass --base-url)")) }
        let incremental = previous != nil
        // Every build writes the new site into a staging folder and swaps it in at the end, so
        // a build stopped at any moment leaves the old site or the new one, never a mix. A full
        // build writes staging from the start; a rebuild once it knows something changed, from
        // the site before the current one when the last rebuild kept it, else from hard links
        // to the current site's unchanged files (`SiteStaging`).
        func prepareStaging(outputs: [String] = [], pathHashes: (() -> [UInt64])? = nil) -> SiteStaging? {
            do {
                let reused = try folder.prepare(reusing: previous?.previous)
                return SiteStaging(current: output, staging: folder.staging, reused: reused, stale: reused ? previous?.stale ?? [] : [], outputs: outputs,
                                   pathHashes: pathHashes, missing: lookup?.missing() ?? nil)
            } catch {
                folder.discard()
                report.diagnostics.append(Diagnostic(file: output, line: nil, .error, "\(error)"))
                return nil
            }
        }
        let fresh = incremental ? nil : prepareStaging()
        if !incremental && fresh == nil { return report }

        // The related papers and the search index are made from the papers alone, in the
        // model's order, each on a thread of its own and timed on its own, while the rest of
        // the model (authors, tags, sources) is made: its steps on one core left the other
        // idle. The index's last steps leave a core idle too, which the pages' items fill below.
        say?("relating \(loaded.papers.count) papers: authors, tags, related papers")
        let order = SiteModel.newestFirstOrder(loaded.papers)
        let papers = order.map { loaded.papers[$0] }
        // Each paper's keys, as the paper cache has them (`PaperKeys`): its title and abstract,
        // for the kept words of the index and the related papers; its fields and display facts,
        // for the index's; its byline, for the people kept; the facts its list item and its page
        // show, for the pages' checks. And its id hashed, for the related papers and the people
        // kept, which find papers again by it.
        let keys = order.map { loaded.keys[$0] }
        let textKeys = keys.map(\.text)
        let paperKeys = RelatedPapers.paperKeys(papers)
        let (linkStyle, useCached) = (options.linkStyle, !options.clean)
        // A rebuild takes the term buckets and display files the site has as it would make them
        // (`SearchIndexBuilder.index`); a full build writes them all.
        let siteIndex = fresh == nil ? previous?.searchMark : nil
        let relating = BackgroundTask { () -> (lists: [[Int]], keep: (@Sendable () -> Void)?, seconds: Double) in
            var clock = StageClock()
            let (lists, keep) = RelatedCache.listsToKeep(papers, textKeys: textKeys, paperKeys: paperKeys, path: RelatedCache.path(site),
                                                         termsPath: RelatedCache.termsPath(site), useCached: useCached)
            return (lists, keep, clock.lap())
        }
        let indexing = BackgroundTask { () -> (files: [(path: String, bytes: [UInt8]?)], mark: UInt64, written: [(path: String, hash: UInt64, error: Int32)], seconds: Double) in
            var clock = StageClock()
            // A full build writes every file of the search index, so it does so as each kind is
            // made, on every core, and lets the bytes go: held to the end, they were 130 MB of a
            // 100k build's peak. (The files' order is as made whole: by path, then each one's
            // script.) A rebuild keeps them to write only the files that changed.
            var written: [(path: String, hash: UInt64, error: Int32)] = [], scripts: [(path: String, hash: UInt64, error: Int32)] = []
            let emit = fresh.map { fresh in { (made: [(path: String, bytes: [UInt8])]) in
                let files = made.map { (path: $0.path, bytes: Optional($0.bytes)) }
                let all = Self.withScripts(files, linkStyle)
                let done = ParallelMap.run(all.count) { i in
                    let bytes = all[i].bytes!  // (all made: no site to take any from)
                    return (path: all[i].path, hash: ContextHash.of(bytes: bytes), error: fresh.write(bytes, all[i].path))
                }
                written += done.prefix(files.count)
                scripts += done.dropFirst(files.count)
            } }
            let (built, mark) = SearchIndexBuilder.index(papers, termCache: (SearchTermCache.path(site), useCached: useCached), keys: keys,
                                                         site: siteIndex, siteFile: { FileBytes.read(output + "/" + $0) }, emit: emit)
            guard fresh != nil else { return (Self.withScripts(built, linkStyle), mark, [], clock.lap()) }
            // (Each script sorts with the file it is made from.)
            let order = written.indices.sorted { written[$0].path < written[$1].path }
            return ([], mark, order.map { written[$0] } + (scripts.isEmpty ? [] : order.map { scripts[$0] }), clock.lap())
        }
        let unrelated = SiteModel(config: loaded.config, newestFirst: papers, listings: loaded.listings,
                                  people: { AuthorsCache.people($0, keys: paperKeys, bylines: keys.map(\.byline), path: AuthorsCache.path(site), useCached: useCached) }) { _ in [] }
        report.stages.append(("model", clock.lap()))
        // A rebuild's renderer (what it hashes the pages' inputs with) and its list of pages are
        // made from no related paper: made while those are found, on the core they leave idle
        // at times (0.2 s of a title edit's rebuild at 100k papers waited for them).
        func makeRenderer(_ model: SiteModel, renderAll: Bool) -> SiteRenderer {
            SiteRenderer(model: model, templates: templates, linkStyle: options.linkStyle, katex: !katex.isEmpty, baseURL: baseURL)
                .prepared(renderAll: renderAll, workers: .threads, keys: keys)
        }
        let early = incremental ? makeRenderer(unrelated, renderAll: false) : nil
        let earlyPages = early?.pages(reusing: previous?.outputs.paths ?? [])
        let preparedEarly = clock.lap()
        say?("indexing \(papers.count) papers for search")
        let related = relating.wait()
        // The lists made are kept for the next build while this one makes its pages.
        let relatedWrite = related.keep.map { keep in BackgroundTask { keep() } }
        defer { relatedWrite?.wait() }
        let model = unrelated.with(related: related.lists)
        _ = clock.lap()  // the wait for the related papers, inside their own time
        report.stages.append(("related papers", related.seconds))
        // The items the pages list, and what the feeds and the sitemap are made from, are made
        // while the index is finished: its last steps keep one core busy, and the other took
        // these on when the index was done (a tenth of a 10k build's two cores idle). On
        // threads, as another thread runs: no fork.
        let renderer = early?.with(related: related.lists) ?? makeRenderer(model, renderAll: true)
        let keptItems = ItemsCache.take(for: renderer, incremental: incremental, path: ItemsCache.path(site), fingerprint: fingerprint, useCached: useCached)
        defer { keptItems?.wait() }
        let pages = earlyPages ?? renderer.pages()
        // The feeds and the sitemap's files first, each by what it is made from (`feedInputs`,
        // `sitemapInputs`), its bytes made only when it is written (none here: their place keeps
        // the files' order, which the hashes follow).
        let feedCount = renderer.feedCount
        let sitemaps = renderer.sitemapFiles(pages)
        let madeLater = feedCount + sitemaps.count
        let laterHashes = ParallelMap.run(madeLater) { i in
            i < feedCount ? renderer.feedInputs(i) : renderer.sitemapInputs(sitemaps[i - feedCount], pages)
        }
        var other: [(path: String, bytes: [UInt8])] = (0..<feedCount).map { (renderer.feed($0).path, []) } + sitemaps.map { ($0.path, []) }
        other.append(("robots.txt", Array(renderer.robots().utf8)))
        other += templates.assets.sorted { $0.key < $1.key }.map { (path: $0.key, bytes: $0.value) } + katex
        let preparing = preparedEarly + clock.lap()
        let indexed = indexing.wait()
        var search = indexed.files
        let searchWritten = indexed.written
        _ = clock.lap()  // the wait for the index, inside its own time

        // (The caches written on other threads are done before render workers fork, and before
        // a full build gives its freed heap back, below. A rebuild's pages rendered on threads go
        // on beside them: a listing's rebuild at 100k papers waited here 0.05–0.1 s for the
        // related papers' 44 MB, one core writing, the other idle.)
        let forks: Bool = if case .threads = workers { false } else { true }
        if !incremental || forks {
            cacheWrite?.wait()
            relatedWrite?.wait()
        }
        // The model's, the index's and the paper cache's working tables are freed by now: their
        // pages go back to the system before the render, whose memos grow to its end. Made on
        // three threads at once, they were left in three malloc arenas: with the index beside the
        // model, a 100k build's largest resident set rose from 938–982 MB to 1,001–1,013 MB;
        // given back, it is 907–961 MB. A rebuild renders only the pages that changed, and its
        // largest resident set is no higher with them kept (100k papers: a 150-paper poster
        // session 877–886 MB given back, 880–901 kept; a Daily Papers listing, 89k files,
        // 1,056–1,060 and 1,047–1,056): given back, the pages were faulted in again by the stages
        // after (the poster session: 181–189k page faults, kept 164–167k), and with the trim's
        // own walk of the arenas that was 3% of the rebuild's CPU time.
        if !incremental { _ = digest_trim_heap() }
        // (Counted by runs, which the pages come in: a lookup in the table for each of 270k
        // pages at 100k papers was 90M instructions, on the one thread running here.)
        for (group, run) in pages.chunked(on: \.kind.group) { report.counts[group, default: 0] += run.count }
        report.counts["feeds"] = 1 + model.tags.count
        report.counts["other files"] = sitemaps.count + 1  // and robots.txt
        report.counts["search index files"] = search.count + searchWritten.count
        report.counts["assets"] = templates.assets.count + katex.count
        report.total = pages.count + other.count + search.count + searchWritten.count
        report.incremental = incremental

        // Each page's inputs are its template context, or for paper and author pages what that
        // is made from (`SiteRenderer.modelHash`). A rebuild hashes them all first,
        // touching no file: when every output is as last time (and the site is still there),
        // there is nothing to do; otherwise only pages whose hash changed are rendered again.
        let pageHashes = previous == nil ? nil : workers.map(pages.count, progress: Self.pageProgress("checking", pages.count, say)) {
            renderer.inputHash(of: pages[$0])
        }
        let otherPaths = other.map(\.path)
        let otherHashes = laterHashes + Self.hashes(of: Array(other.dropFirst(madeLater)))
        // Each output's hash in the last build, by its position here (nil: it had no such file),
        // and what the last build wrote that this one does not. The search index last, where a
        // full build, which has written it already, lists it too.
        // (Put in one array made its size at once: joined with `+`, each of 350k paths at 100k
        // papers was copied into two arrays more and released from them, a cold line each time.)
        let outputPaths = { [search] in
            var all: [String] = []
            all.reserveCapacity(pages.count + otherPaths.count + search.count + searchWritten.count)
            all.append(contentsOf: pages.lazy.map(\.path))
            all += otherPaths
            all.append(contentsOf: search.lazy.map(\.path))
            all.append(contentsOf: searchWritten.lazy.map(\.path))
            return all
        }()
        // (Each path hashed once, on every core, when the match or the staging asks: hashed one
        // by one in the match and again for the staging, 350k paths after a listing at 100k
        // papers took 60 ms of its rebuild on one core.)
        var madePathHashes: [UInt64]?
        func pathHashes() -> [UInt64] {
            if let made = madePathHashes { return made }
            let made = OutputHashes.pathHashes(outputPaths)
            madePathHashes = made
            return made
        }
        let (known, gone) = previous?.outputs.matched(to: outputPaths, outputHashes: pathHashes) ?? ([], [])
        // A file of the index taken as the site has it has the hash it had; made, its bytes' hash.
        let searchAt = pages.count + other.count
        var searchHashes = Self.hashes(of: search, known: known[min(searchAt, known.count)...])
        // (Unless the last build did not list it: then all are made. One the site lost is made
        // when it is written below.) The index made whole, every file with its bytes, for both.
        let wholeIndex = { Self.withScripts(SearchIndexBuilder.index(papers).files, linkStyle) }
        if searchHashes.contains(nil) {
            search = wholeIndex()
            searchHashes = Self.hashes(of: search, known: [])
        }
        // (What was taken as the site has it — how many term buckets and vocabulary files,
        // whether the filters — in `-v`. Counted on the paths' bytes: filtered by `hasPrefix`
        // and `hasSuffix`, String comparisons, and copied out, twice over 81k files at 100k
        // papers, they were 20 ms of a listing's rebuild on the one thread running then.)
        func asTheyWere(_ folders: StaticString..., kind: String) -> [String] {
            var (kept, all) = (0, 0)
            for i in search.indices where folders.contains(where: { search[i].path.isJoined($0, ".json") }) {
                all += 1
                if search[i].bytes == nil { kept += 1 }
            }
            return kept == 0 ? [] : ["\(kept) of \(all) \(kind) as they were"]
        }
        let taken = asTheyWere(SearchLayout.termFolder, kind: "term buckets") + asTheyWere(SearchLayout.prefixFolder, SearchLayout.suffixFolder, kind: "vocabulary files")
            + (search.contains { $0.path == SearchLayout.facets && $0.bytes == nil } ? ["filters as they were"] : [])
        report.stages.append((taken.isEmpty ? "search index" : "search index (\(taken.joined(separator: "; ")))", indexed.seconds))
        let madeHashes = otherHashes + searchHashes.map { $0! }
        if let previous, let pageHashes, previous.outputs.count == report.total,
           zip(known, pageHashes + madeHashes).allSatisfy({ $0 == $1 }),
           folder.holds(outputPaths, seal: previous.sealed) {
            report.written = true
            report.stages.append(("render and write", preparing + clock.lap()))
            // Files read anew (a record saved unchanged, a new digest), and the search words this
            // build kept, which the site's index is made from: the next build need not read them.
            if previous.inputs != inputs.stamp || previous.report != report.saved || previous.searchMark != indexed.mark
                || previous.records != loaded.recordsKey {
                var cache = previous
                (cache.inputs, cache.report, cache.searchMark) = (inputs.stamp, report.saved, indexed.mark)
                (cache.others, cache.records) = (inputs.others, loaded.recordsKey)
                try? cache.save(cachePath)
            }
            // The model, pages and tables go with the process (or to the caller), as after a build that wrote.
            options.keepPastEnd(model, renderer, pages, previous, known, outputPaths, pageHashes, inputs, search)
            return report
        }
        guard let staging = fresh ?? prepareStaging(outputs: outputPaths, pathHashes: pathHashes) else { return report }

        // Each file that could not be written, with why (`errno`), and each one written.
        var failed = searchWritten.filter { $0.error != 0 }.map { (path: $0.path, error: $0.error) }
        var written = searchWritten.map(\.path)
        // Files other than pages first, on every core, and their bytes let go (at the end of
        // the block) before the render workers fork.
        do {
            let files = other.indices.map { (path: other[$0].path, bytes: $0 < madeLater ? nil : Optional(other[$0].bytes)) } + search
            (other, search) = ([], [])
            // (Asked here, not of each file: an optional build cache tested in the closure was
            // copied and let go for each of 81k files, a retain and a release of all it holds.)
            let rebuilding = previous != nil
            var outcomes = ParallelMap.run(files.count) { i -> (wrote: Bool, error: Int32) in
                if rebuilding, known[pages.count + i] == madeHashes[i], staging.keep(files[i].path, output: pages.count + i) { return (false, 0) }
                if i < feedCount { return (true, staging.write(renderer.atomFeed(renderer.feed(i)), files[i].path)) }
                if i < madeLater { return (true, staging.write(renderer.sitemap(sitemaps[i - feedCount], pages), files[i].path)) }
                guard let bytes = files[i].bytes else { return (false, ENOENT) }  // taken as it was, and lost since
                return (true, staging.write(bytes, files[i].path))
            }
            // A file of the index taken as the site had it, and deleted from it since (by hand):
            // the index is made whole, which gives the same bytes, for those.
            let lost = files.indices.filter { $0 >= madeLater && outcomes[$0].error != 0 && files[$0].bytes == nil }
            if !lost.isEmpty {
                let made = Dictionary(wholeIndex().map { ($0.path, $0.bytes!) }) { a, _ in a }
                for i in lost { outcomes[i] = made[files[i].path].map { (true, staging.write($0, files[i].path)) } ?? (false, ENOENT) }
            }
            failed += zip(files, outcomes).filter { $1.error != 0 }.map { (path: $0.path, error: $1.error) }
            written += zip(files, outcomes).filter { $1.wrote }.map(\.0.path)
        }
        // Pages are written as they are rendered, so the site is never held in memory whole.
        // A paper page whose related list alone changed is made from the page the site has,
        // when the template shows the list in one place (`RelatedBlock`); each paper page
        // written tells where its list is, for the next build (`PageSpans`).
        let spanning = templates.relatedStandsAlone
        let spansPath = PageSpans.path(besides: cachePath)
        let siteSeal = previous.map { SiteSeal.trusted($0.sealed) } ?? 0
        let spans = spanning ? previous.flatMap { PageSpans.read(spansPath, seal: $0.sealed, fingerprint: fingerprint) } : nil
        if pageHashes != nil { say?("rendering the pages that changed") }
        // A rebuild visits only the pages it may have to write (`RenderOrder`).
        let visits = pageHashes.map { RenderOrder.visits(pages, hashes: $0, known: known, held: staging.holdsAlready) }
        let made = workers.mapOnce(visits?.count ?? pages.count, progress: pageHashes == nil ? Self.pageProgress("rendering", pages.count, say) : nil) { v -> PageOutcome in
            let i = visits?[v] ?? v
            if let hash = pageHashes?[i], known[i] == hash, staging.keep(pages[i].path, page: true, output: i) {
                return PageOutcome(hash: hash, wrote: false, error: 0)
            }
            var base: UInt64 = 0
            if spanning, case .paper(let p) = pages[i].kind {
                base = renderer.paperBase(p, path: pages[i].path)
                if let spans, let hash = pageHashes?[i], let old = spans.entry(paperKeys[p]), old.base == base,
                   var page = staging.current(pages[i].path, size: Int(old.size), seal: siteSeal) {
                    let span = renderer.putRelated(p, page: pages[i], into: &page, at: Int(old.start)..<Int(old.end))
                    return PageOutcome(hash: hash, wrote: true, error: staging.write(page, pages[i].path, page: true),
                                       span: PageSpans.Entry(span, in: page.count, base: base), spliced: true)
                }
            }
            let context = renderer.context(for: pages[i])
            let note = spanning ? (context["related_items"] as? RelatedBlock)?.note : nil
            let hash = pageHashes?[i] ?? renderer.inputHash(context, page: pages[i])  // a rebuild has it already
            let bytes = renderer.renderBytes(context, page: pages[i])
            return PageOutcome(hash: hash, wrote: true, error: staging.write(bytes, pages[i].path, page: true),
                               span: note?.span.flatMap { PageSpans.Entry($0, in: bytes.count, base: base) })
        }
        // A worker that died left its pages unknown: the old site stays.
        guard let made, case let results = RenderOrder.outcomes(made, visits: visits, hashes: pageHashes) else {
            folder.discard()
            report.diagnostics.append(Diagnostic(file: output, line: nil, .error, "a worker process rendering pages failed; the site was left as it was"))
            return report
        }
        let hashes = OutputHashes(paths: outputPaths, hashes: results.map(\.hash) + madeHashes + searchWritten.map(\.hash))
        failed += zip(pages, results).filter { $1.error != 0 }.map { (path: $0.path, error: $1.error) }
        written += zip(pages, results).filter { $1.wrote }.map(\.0.path)
        report.rewritten = written.count
        report.spliced = results.reduce(0) { $1.spliced ? $0 + 1 : $0 }
        // The build cache's table, and what the new site holds: outputs it no longer has were
        // not linked into it — or, in the previous site, are taken out of it.
        var removed: Set<String> = []
        if previous != nil {
            removed = Set(gone)
            // (The outputs still in the site, looked up on every core: 350k paths at 100k papers.)
            staging.remove(staging.staleGone(outputPaths).union(removed).sorted())
        }
        report.removed = removed.count
        let spliced = report.spliced == 0 ? "" : " (\(counted(report.spliced, "paper page")) with only their related papers put in place)"
        report.stages.append(("render and write" + spliced, preparing + clock.lap()))

        say?("putting the new site in place")
        var kept: String?
        var sealed: UInt64 = 0
        var spansWrite: BackgroundTask<Void>?
        if let first = failed.min(by: { $0.path < $1.path }) {
            folder.discard()
            report.diagnostics.append(Self.writeFailure(first, of: failed.count, output: output))
        } else {
            // The cache goes first: stopped between the swap and the new cache, the next build is a full one.
            try? FileManager.default.removeItem(atPath: cachePath)
            sealed = staging.seal()
            // The new site's spans go beside its build cache, named by its seal, written while
            // the site is put in place and the cache saved.
            spansWrite = spanning ? BackgroundTask { [sealed] in
                PageSpans.write(Self.spanEntries(pages, results, keys: paperKeys, kept: spans), seal: sealed, fingerprint: fingerprint, to: spansPath)
            } : nil
            do {
                try folder.swapIn()
                report.written = true
                if incremental { kept = folder.keepPrevious() }
            } catch {
                folder.discard()
                report.diagnostics.append(Diagnostic(file: output, line: nil, .error, "\(error)"))
            }
            folder.discard()
        }
        // The model, pages and tables go with the process (`ProcessEnd`), or to the caller,
        // not one object at a time here (`keepPastEnd`).
        options.keepPastEnd(model, renderer, pages, previous as Any, known, outputPaths, hashes, results)
        defer { spansWrite?.wait() }
        if report.written {
            if !spanning { unlink(spansPath) }
            var cache = BuildCache(fingerprint: fingerprint, output: cachedFolder, inputs: inputs.stamp, report: report.saved, outputs: hashes,
                                   searchMark: indexed.mark, others: inputs.others, records: loaded.recordsKey, sealed: sealed)
            if let kept { (cache.previous, cache.stale, cache.previousSealed) = (kept, Set(written).union(removed), previous?.sealed ?? 0) }
            try? cache.save(cachePath)
            BuildCache.removeOrphans(besides: cachePath, output: cachedFolder)
        } else {
            try? FileManager.default.removeItem(atPath: cachePath)
        }
        return report
    }
}

extension SiteBuild {
    /// Where each paper page's related list is in the new site: as written now (a page written
    /// without it known has none), or as the last build's spans had it for a page kept as it
    /// was. (The kept ones taken in their order, for the papers still there, not looked up
    /// page by page: a title edit at 100k papers rewrites a handful.)
    static func spanEntries(_ pages: [SiteRenderer.Page], _ results: [PageOutcome], keys: [UInt64],
                            kept: PageSpans?) -> [(key: UInt64, entry: PageSpans.Entry)] {
        var written: [UInt64] = [], entries: [(key: UInt64, entry: PageSpans.Entry)] = []
        for (page, result) in zip(pages, results) where result.wrote {
            guard case .paper(let p) = page.kind else { continue }
            written.append(keys[p])
            if let span = result.span { entries.append((keys[p], span)) }
        }
        guard let kept else { return entries }
        let (rewritten, papers) = (KeyTable(written), KeyTable(keys))
        entries.reserveCapacity(entries.count + kept.count)
        for place in 0..<kept.count {
            let key = kept.key(at: place)
            guard rewritten.place(of: key) == nil, papers.place(of: key) != nil, let entry = kept.entry(at: place) else { continue }
            entries.append((key, entry))
        }
        return entries
    }
}

/// What rendering one page came to, as a worker process reports it: `error`, 0 or why the
/// page could not be written (`errno`); for a paper page written, where its related list is
/// in it (`PageSpans`), and whether it was made from the page the site had (`spliced`).
struct PageOutcome: WireValue, Sendable {
    let hash: UInt64
    let wrote: Bool
    let error: Int32
    var span: PageSpans.Entry? = nil
    var spliced = false

    func write(to wire: inout [UInt8]) {
        hash.write(to: &wire)
        wrote.write(to: &wire)
        Int(error).write(to: &wire)
        spliced.write(to: &wire)
        (span != nil).write(to: &wire)
        if let span {
            span.base.write(to: &wire)
            UInt64(span.size).write(to: &wire)
            UInt64(span.start).write(to: &wire)
            UInt64(span.end).write(to: &wire)
        }
    }

    static func read(from wire: inout WireReader) -> PageOutcome? {
        guard let hash = UInt64.read(from: &wire), let wrote = Bool.read(from: &wire),
              let error = Int.read(from: &wire).flatMap(Int32.init(exactly:)),
              let spliced = Bool.read(from: &wire), let spanned = Bool.read(from: &wire) else { return nil }
        var outcome = PageOutcome(hash: hash, wrote: wrote, error: error, spliced: spliced)
        if spanned {
            guard let base = UInt64.read(from: &wire), let size = UInt64.read(from: &wire).flatMap(UInt32.init(exactly:)),
                  let start = UInt64.read(from: &wire).flatMap(UInt32.init(exactly:)),
                  let end = UInt64.read(from: &wire).flatMap(UInt32.init(exactly:)) else { return nil }
            outcome.span = PageSpans.Entry(base: base, size: size, start: start, end: end)
        }
        return outcome
    }
}

extension SiteBuild {
    static let version = "0.4"

    /// The progress line of a map over `count` pages, from `rendering 0% of 26950 pages` on.
    static func pageProgress(_ verb: String, _ count: Int, _ say: (@Sendable (String) -> Void)?) -> (@Sendable (Int, Int) -> Void)? {
        guard let say else { return nil }
        let line: @Sendable (Int, Int) -> Void = { done, total in say("\(verb) \(done * 100 / max(1, total))% of \(total) pages") }
        line(0, count)
        return line
    }

    /// Each file's hash, on every core: in a rebuild the search index's files are a third of
    /// a GB at 100k papers.
    static func hashes(of files: [(path: String, bytes: [UInt8])]) -> [UInt64] {
        ParallelMap.run(files.count) { ContextHash.of(bytes: files[$0].bytes) }
    }

    /// The same for files that may come without bytes, taken as the site has them: theirs
    /// is the hash the last build gave them (`known`, by position; nil when it gave none).
    static func hashes(of files: [(path: String, bytes: [UInt8]?)], known: ArraySlice<UInt64?>) -> [UInt64?] {
        ParallelMap.run(files.count) { i in
            files[i].bytes.map { ContextHash.of(bytes: $0) } ?? (i < known.count ? known[known.startIndex + i] : nil)
        }
    }

    /// The index's files, and with `--links files` each one's script twin (`SearchLayout.script`).
    static func withScripts(_ files: [(path: String, bytes: [UInt8]?)], _ style: SiteRenderer.LinkStyle) -> [(path: String, bytes: [UInt8]?)] {
        style == .files ? files + files.map(SearchLayout.script) : files
    }

    /// The build's error when files could not be written (the site is left as it was): the
    /// first by path, as the output folder would have it (the staging folder it was written
    /// in is gone), with why, and how many more.
    static func writeFailure(_ first: (path: String, error: Int32), of count: Int, output: String) -> Diagnostic {
        Diagnostic(file: output + "/" + first.path, line: nil, .error,
                   "cannot write: \(String(cString: strerror(first.error)))" + (count > 1 ? " (and \(count - 1) more)" : ""))
    }

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
        // A new digest may make pages differently from the same inputs (see `modelHash`).
        hash.add(tag: 6, "digest")
        hash.add(Program.key)
        return String(hash.value, radix: 16)
    }
}

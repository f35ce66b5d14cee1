import Foundation
import Yams

/// The first stage: the config, the records as papers, and what each listing's header says.
enum SiteLoader {
    struct Loaded {
        var config: SiteConfig
        var papers: [Paper]
        /// Each paper's keys, by its place in `papers`.
        var keys: [PaperKeys]
        var listings: [String: ListingInfo]
        /// What to write of the paper cache (`PaperCache.write`); nil when nothing changed.
        var cacheUpdate: PaperCache.Update?
        /// What the records hold: a hash of every record's id and bytes (`RecordStore.fileKey`),
        /// in order. Nil when one has a problem other than a warning about itself: what it
        /// gives may depend on more than its bytes.
        var recordsKey: UInt64?
        /// The ids of records marked `draft: true`, left out of `papers`.
        var drafts: [String] = []
    }

    /// What reading one record gave: its keys (nil: it is left out), its file's hash, its
    /// problems, and how it stands with the paper cache (`load`).
    struct Outcome: Sendable {
        var keys: PaperKeys?
        var file: UInt64?
        var problems: [Diagnostic]
        var parsed: Bool
        var recent: Bool
        var kept: Bool
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

    /// The records and listing headers, once the config is known. With a `cache`, records
    /// whose file is as the cache has it are taken from it (unless not `useCached`), and what
    /// the cache should now hold comes back, for the caller to write while it goes on.
    /// `records`: the records with their files' stamps, when the caller has them.
    static func load(_ site: SitePaths, config: SiteConfig, cache: String? = nil, useCached: Bool = true,
                     records known: [(id: String, stamp: FileStamp?)]? = nil, diagnostics: inout [Diagnostic]) -> Loaded {
        // The checks `digest check` makes run here too: a record with an error is left out,
        // a warning is reported and the record used.
        let store = RecordStore(folder: site.papers)
        let records = known ?? store.stampedIDs()
        let (ids, stamps) = (records.map(\.id), records.map(\.stamp))
        let cached = useCached ? cache.map(PaperCache.read) ?? .none : .none
        // Each record's shard, once: for its cached paper, and for the shards written again below.
        let shardOf = ParallelMap.batched(ids.count) { PaperCache.shard(of: ids[$0]) }
        let places = cached.places(of: ids, shardOf: shardOf)
        // (`parsed`: made anew, so kept again in the paper cache: the record was parsed, or its
        // keys were made by another `digest`. `recent`: taken from the cache's recent file.
        // `kept`: to be kept in the paper cache — a paper whose problems are warnings about its
        // own file, as the next build would find them.) The papers go in slots of their own,
        // taken out below without being copied: a copy of each of 100k papers retains objects all over the
        // heap, a miss of the memory caches each, and the three passes that did it here took
        // 112 ms of a 100k rebuild (now one pass, with the entries below, 14 ms).
        let slots = TaskSlots<Paper>(ids.count)
        let results = ParallelMap.run(ids.count) { i -> Outcome in
            let file = { store.path(for: ids[i]) }
            let place = places[i], hit = place.map { cached.entry($0, shard: shardOf[i]) }
            func taken(_ hit: PaperCache.Entry, parsed: Bool) -> Outcome {
                slots.set(i, hit.paper)
                return Outcome(keys: hit.keys ?? PaperKeys(hit.paper), file: hit.file,
                               problems: hit.warnings.map { Diagnostic(file: file(), line: $0.line, .warning, $0.message) },
                               parsed: parsed || hit.keys == nil, recent: place?.recent == true, kept: true)
            }
            let read: Result<Record, Diagnostic>, fileKey: UInt64?
            switch store.reading(id: ids[i], stamp: stamps[i], kept: hit.map { ($0, $0.stamp, $0.file) }) {
            case .asKept(let hit, _): return taken(hit, parsed: false)
            // The same bytes under a new stamp: the paper they were, kept under this stamp.
            case .sameBytes(let hit, _): return taken(hit, parsed: true)
            case .parsed(let result, let file): (read, fileKey) = (result, file)
            }
            switch read {
            case .failure(let diagnostic): return Outcome(keys: nil, file: fileKey, problems: [diagnostic], parsed: true, recent: false, kept: false)
            case .success(let record):
                let (paper, problems) = Paper.checked(record, file: file())
                guard let paper else { return Outcome(keys: nil, file: fileKey, problems: problems, parsed: true, recent: false, kept: false) }
                slots.set(i, paper)
                return Outcome(keys: PaperKeys(paper), file: fileKey, problems: problems, parsed: true, recent: false,
                               kept: stamps[i] != nil && problems.allSatisfy { $0.severity == .warning && $0.file == file() })
            }
        }
        // The papers (those with errors left out), with each record's place among them; their
        // problems; how many of each shard's papers are kept.
        let papers = slots.takeAllPresent()
        var keys: [PaperKeys] = [], place = [Int](repeating: -1, count: ids.count)
        keys.reserveCapacity(papers.count)
        var (kept, fresh) = ([Int](repeating: 0, count: PaperCache.shards), [Bool](repeating: false, count: PaperCache.shards))
        var (freshPapers, parsedAny, recentTaken) = ([Int](), false, 0)  // (records made anew or taken from the recent file)
        var recordsKey: ContextHash? = ContextHash()
        for (i, result) in results.enumerated() {
            if result.kept, let file = result.file { recordsKey?.add(tag: 1, ids[i]); recordsKey?.add(file) } else { recordsKey = nil }
            if let paperKeys = result.keys {
                place[i] = keys.count
                keys.append(paperKeys)
            }
            if !result.problems.isEmpty { diagnostics += result.problems }
            if result.kept {
                kept[shardOf[i]] += 1
                if result.parsed || result.recent {
                    fresh[shardOf[i]] = true
                    freshPapers.append(i)
                }
                parsedAny = parsedAny || result.parsed
                if result.recent && !result.parsed { recentTaken += 1 }
            }
        }
        var cacheUpdate: PaperCache.Update?
        if cache != nil {
            func entry(_ i: Int) -> PaperCache.Entry {
                PaperCache.Entry(stamp: stamps[i]!, paper: papers[place[i]], keys: results[i].keys, file: results[i].file!,
                                 warnings: results[i].problems.map { ($0.line, $0.message) })
            }
            // The papers made anew, with those the recent file has, stay in it while they are
            // few: it is written again when a paper was made anew or one of it is gone.
            // More, and their shards are written again, with those whose papers came or went
            // (only those shards' entries are made: an edit's rebuild made all 100k, to write
            // one shard of 64), and the recent file goes.
            if freshPapers.count <= CacheFile.recentLimit(papers: ids.count) {
                if parsedAny || recentTaken != cached.recent.count { cacheUpdate = PaperCache.Update(recent: freshPapers.map(entry)) }
            } else {
                let counts = cached.counts
                var update = PaperCache.Update()
                update.changed = (0..<PaperCache.shards).filter { fresh[$0] || counts[$0] != kept[$0] }
                var written = [Bool](repeating: false, count: PaperCache.shards)
                for shard in update.changed { written[shard] = true }
                for (i, result) in results.enumerated() where result.kept && written[shardOf[i]] { update.byShard[shardOf[i]].append(entry(i)) }
                cacheUpdate = update
            }
        }
        // Drafts are parsed and kept in the cache as any paper (a build with one is as quick),
        // and left out here, before anything is made of them.
        var (shown, shownKeys, drafts) = (papers, keys, [String]())
        if papers.contains(where: \.isDraft) {
            let kept = papers.indices.filter { !papers[$0].isDraft }
            drafts = papers.filter(\.isDraft).map(\.id)
            (shown, shownKeys) = (kept.map { papers[$0] }, kept.map { keys[$0] })
        }
        // Only headers are needed, kept beside the paper cache; a listing that cannot be read
        // leaves its source page plainer.
        // (The names gathered on every core, a set per run of papers: 100k papers' sources put
        // in one set through a list of each paper's were 35 ms of every rebuild.)
        let listingNames = ParallelMap.runs(of: shown, minimum: 4096) { run in
            var names: Set<String> = []
            for paper in run { for source in paper.sources { names.insert(source.listing) } }
            return names
        }.reduce(into: Set<String>()) { $0.formUnion($1) }.sorted()
        let listings = ListingHeaderCache.infos(listingNames, listings: site.listings, config: config,
                                                path: cache.map { _ in ListingHeaderCache.path(site) }, useCached: useCached)
        return Loaded(config: config, papers: shown, keys: shownKeys, listings: listings, cacheUpdate: cacheUpdate,
                      recordsKey: recordsKey?.value, drafts: drafts)
    }
}

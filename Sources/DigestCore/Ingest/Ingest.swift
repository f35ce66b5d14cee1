import CDigestSys
import Foundation

public struct IngestOptions: Sendable {
    public var siteFolder: String
    /// Listing files or folders; empty means the site's `content/listings`.
    public var paths: [String]
    /// Settings given on the command line; they win over `digest.yml`.
    public var settings: ListingSettings
    public var today: CalendarDay
    public var dryRun: Bool
    /// Delete the records naming only listings that are not in `content/listings/`, and take
    /// such listings out of the other records' sources (`ListingPrune`).
    public var prune = false
    /// Repeat the last report when nothing read has changed since (`IngestCache`), and take
    /// what records say of their identity from `RecordIndex` where they have not changed.
    public var useCache: Bool
    /// The process exits once ingest returns (`digest ingest`), so what it made need not be
    /// freed one object at a time (`ProcessEnd`); `digest serve` ingests again and again.
    public var processEndsAfter = false

    public init(siteFolder: String, paths: [String] = [], settings: ListingSettings = ListingSettings(),
                today: CalendarDay, dryRun: Bool = false, useCache: Bool = true) {
        self.useCache = useCache
        self.siteFolder = siteFolder
        self.paths = paths
        self.settings = settings
        self.today = today
        self.dryRun = dryRun
    }
}

/// `digest ingest`: listings in, one record per paper out.
///
/// Every listing is parsed to entries, entries become normalised facts, facts that share a
/// title or an abstract are one paper, and each paper's record is created or brought up to
/// date. A listing that cannot be read contributes nothing, so no record changes because of
/// it; every other listing still goes in.
public enum Ingest {
    public static func run(_ options: IngestOptions) -> IngestReport {
        // What ingest makes is kept to the end then (see `processEndsAfter`): the heap only grows.
        if options.processEndsAfter { digest_grow_heap_in_large_steps() }
        var report = IngestReport()
        let site = SitePaths(root: options.siteFolder)
        let config: SiteConfig
        let vocabulary: TagVocabulary
        do {
            config = try SiteConfig.load(siteFolder: options.siteFolder)
            vocabulary = try TagVocabulary.load(siteFolder: options.siteFolder)
        } catch {
            report.diagnostics.append(error.diagnostic)
            return report
        }

        let files = ListingFiles.expand(options.paths.isEmpty ? [site.listings] : options.paths, diagnostics: &report.diagnostics)
        // The records' stamps, taken once: for the report cache now, the record index below,
        // and — with the stamps of what this ingest writes — the report cache it leaves.
        let store = RecordStore(folder: site.papers)
        let stamped = store.stampedIDs()
        // (A report repeated prunes nothing: --prune always reads.)
        if options.useCache, !options.prune, report.diagnostics.isEmpty, var repeated = IngestCache.report(site, fingerprint: {
            IngestCache.fingerprint(site: site, inputs: files, options: options, records: stamped)
        }) {
            repeated.repeated = true
            return repeated
        }

        // 1. Read and parse the listings asked for, each on a core of its own, and keep a copy
        //    of each in the site; their entries become facts on every core. A listing's bytes
        //    are read once: parsed, copied and hashed for the ingest cache from the same buffer.
        if !options.dryRun, !files.isEmpty {
            try? FileManager.default.createDirectory(atPath: site.listings, withIntermediateDirectories: true)
        }
        @Sendable func settings(_ name: String) -> ListingSettings {
            (config.listings[name] ?? ListingSettings()).overriding(with: options.settings)
        }
        //    What ingest read of each the last time is looked up too (`IngestedListings`).
        typealias Read = (summary: IngestReport.ListingSummary, previous: ListingFiles.File?, toKeep: [UInt8]?)
        let readFiles = readListings(files.count, asked: true, today: options.today) { i -> (ListingRead?, Read) in
            var summary = IngestReport.ListingSummary(path: files[i].path, name: files[i].name)
            guard let read = read(files[i], settings: settings(files[i].name), today: options.today, summary: &summary) else { return (nil, (summary, nil, nil)) }
            if !options.dryRun, let problem = ListingFiles.keepCopy(of: files[i], bytes: read.bytes, in: site.listings) {
                summary.diagnostics.append(problem)
                return (nil, (summary, nil, nil))
            }
            let kept = IngestedListings.compare(site, name: files[i].name, digest: read.digest)
            return (read.withoutBytes, (summary, kept.previous, kept.stale ? read.bytes : nil))
        }
        report.listings = readFiles.map(\.extra.summary)
        let inputs = readFiles.compactMap(\.input)
        // What this ingest read of each listing, by path, for the cache's fingerprint; a kept
        // copy holds the same bytes as the listing it was copied from.
        var readDigests: [String: UInt64] = [:]
        for (file, read) in zip(files, readFiles) {
            guard let digest = read.digest else { continue }
            readDigests[file.path] = digest
            if !options.dryRun { readDigests[site.listings + "/" + file.name] = digest }
        }

        // 2. The records there are, and the listings they came from that were not asked for:
        //    those tell what ingest derived before, so hand edits can be told apart.
        var recordIndex = RecordIndex.load(store, records: stamped, cache: options.useCache ? RecordIndex.path(site) : nil)
        report.diagnostics += recordIndex.diagnostics
        let inputNames = Set(inputs.map(\.name))
        let referenced = Set(recordIndex.entries.flatMap(\.listings))
        let referenceFiles = referenced.subtracting(inputNames).sorted()
            .map { ListingFiles.File(path: site.listings + "/" + $0, name: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        let referenceReads = readListings(referenceFiles.count, asked: false, today: options.today) { i -> (ListingRead?, Void) in
            var ignored = IngestReport.ListingSummary(path: referenceFiles[i].path, name: referenceFiles[i].name)
            return (read(referenceFiles[i], settings: settings(referenceFiles[i].name), today: options.today, summary: &ignored)?.withoutBytes, ())
        }
        for (file, read) in zip(referenceFiles, referenceReads) { if let digest = read.digest { readDigests[file.path] = digest } }
        let references = referenceReads.compactMap(\.input)
        // The listings asked for, as ingest last read them where they changed since.
        let previousFiles = zip(readFiles, files).compactMap { read, file in read.input == nil ? nil : read.extra.previous.map { ($0, file.name) } }
        let previous = readListings(previousFiles.count, asked: false, previous: true, today: options.today) { i -> (ListingRead?, Void) in
            var ignored = IngestReport.ListingSummary(path: previousFiles[i].0.path, name: previousFiles[i].1)
            return (read(previousFiles[i].0, settings: settings(previousFiles[i].1), today: options.today, summary: &ignored)?.withoutBytes, ())
        }.compactMap(\.input)

        // 3. Which entries and records are the same paper. Candidates are sorted by source
        //    so that the outcome does not depend on the order listings were given in.
        //    A listing's entries come in line order, so listings in name order are that order.
        //    A listing's text now goes before its text the last time.
        let inOrder = (inputs + references + previous).sorted { ($0.name, $0.isPrevious ? 1 : 0) < ($1.name, $1.isPrevious ? 1 : 0) }.flatMap(\.members)
        let before = { (a: Member, b: Member) in a.facts.sources[0] < b.facts.sources[0] || (a.facts.sources[0] == b.facts.sources[0] && !a.isPrevious && b.isPrevious) }
        let candidates = zip(inOrder, inOrder.dropFirst()).allSatisfy { !before($1, $0) } ? inOrder : inOrder.sorted(by: before)
        // Merged facts and tags take most of an ingest's time and depend on nothing but their
        // own group: they are worked out on every core, the ids and writes after, in order.
        // (Each entry's keys and their hashes were made with its facts.)
        let candidateKeys = candidates.map(\.identityKeys), candidateHashes = candidates.map(\.keyHashes)
        // The records the listings' papers may be — those that share a key's hash with one,
        // directly or through others — are read in full (only they can change), and grouped
        // with the candidates again by their real keys. Every group of records and candidates
        // by real keys lies inside one group by hashes, so the groups with a listing's paper
        // in them come out as if every record had been read.
        let entries = recordIndex.entries
        let hashGroups = entries.isEmpty ? [] : PaperGrouping.groups(keys: candidateHashes + entries.map(\.keys))
        let touched = hashGroups.filter { $0.contains { $0 < candidates.count && candidates[$0].isInput } }
            .flatMap { $0.filter { $0 >= candidates.count } }.sorted().map { entries[$0 - candidates.count].id }
        let touchedRecords = ParallelMap.run(touched.count) { Unshared(store.read(id: touched[$0])) }
        var records: [Record] = []
        var unreadable = recordIndex.unreadable
        for (id, result) in zip(touched, touchedRecords) {
            switch result.value {
            case .success(let record): records.append(record)
            case .failure(let diagnostic):  // changed since it was indexed
                unreadable.insert(id)
                report.diagnostics.append(diagnostic)
            }
        }
        // (Records hold Yams nodes, which may not cross threads: what is needed of them is taken first.)
        func grouped(_ recordFacts: [PaperFacts]) -> [[Int]] {
            let recordKeys = ParallelMap.run(recordFacts.count) { recordFacts[$0].identityKeys }
            return PaperGrouping.groups(keys: candidateKeys + recordKeys, hashes: candidateHashes + recordKeys.map { $0.map(RecordIndex.keyHash) })
        }
        let readFacts = records.map(RecordFields.identityFacts(of:))
        let readGroups = grouped(readFacts)
        // A listing renamed on disk: its records' sources take the new name first, and are
        // grouped again (a key made from a source's listing names it).
        let newListings = inputNames.subtracting(referenced)
        let goneListings = referenced.subtracting(inputNames).subtracting(referenceFiles.map(\.name))
        // Each with the records naming it, counted once: a rename takes all of them.
        let gone = Self.goneListings(goneListings, entries: entries, folder: site.listings)
        let renames = ListingRenames.find(
            gone: goneListings, new: newListings,
            namedBy: Dictionary(uniqueKeysWithValues: gone.map { ($0.name, $0.records) }),
            groups: readGroups, candidateCount: candidates.count,
            candidateListing: { candidates[$0].isInput ? candidates[$0].facts.sources[0].listing : nil },
            recordListings: { readFacts[$0].sources.map(\.listing) })
        var renamedRecords: Set<String> = []
        if !renames.isEmpty {
            for i in records.indices {
                guard let moved = renames.renamed(records[i]) else { continue }
                records[i] = moved
                renamedRecords.insert(moved.id)
            }
            for (old, new) in renames.newName.sorted(by: { $0.key < $1.key }) {
                guard let i = report.listings.firstIndex(where: { $0.name == new }) else { continue }
                report.listings[i].renamedFrom = old
                // (Settings go by name: the records keep the values the old name's gave them, as edits.)
                if config.listings[old] != nil && config.listings[new] == nil {
                    report.listings[i].diagnostics.append(Diagnostic(file: site.path(SiteConfig.fileName), line: nil, .warning,
                        "settings for `\(old)` apply to that name only: rename them to `\(new)` too"))
                }
            }
        }
        // Listings records name that are gone, not renamed: their papers stay, which is said
        // (a removed listing took nothing off the site, without a word).
        report.gone = gone.filter { renames.newName[$0.name] == nil }
        let recordFacts = renames.isEmpty ? readFacts : records.map(RecordFields.identityFacts(of:))
        let groups = renames.isEmpty ? readGroups : grouped(recordFacts)
        let merged = ParallelMap.run(groups.count) { g -> MergedGroup? in
            let members = groups[g].filter { $0 < candidates.count }.map { candidates[$0] }
            // (Closures, not key paths, here: one with an index in it is made anew each time.)
            guard members.contains(where: { $0.isInput }) else { return nil }
            // Merged facts are tagged from the keys their entries' texts have already.
            let known = members.map { (facts: $0.facts, keys: $0.textKeys) }
            func tagged(_ facts: PaperFacts) -> (facts: PaperFacts, keys: PaperFacts.TextKeys) {
                let keys = facts.textKeys(among: known)
                return (vocabulary.tagged(facts, keys: keys), keys)
            }
            let (new, newKeys) = tagged(PaperFacts.merge(members.filter { !$0.isPrevious }.map { $0.facts }))
            let listings = Set(members.filter { !$0.isPrevious }.map { $0.facts.sources[0].listing })
            guard let target = groups[g].first(where: { $0 >= candidates.count }).map({ recordFacts[$0 - candidates.count] }) else {
                // A new record: its id will be this slug, unless taken (transliterating a title is slow).
                // Its entry in the record index. Keys depend on the title and the abstract (and
                // on sources for some, `PaperFacts.keyNamesSources`), and the merged ones are some
                // entry's: that entry's keys, made for grouping, are the record's.
                let same = groups[g].first { m in
                    guard !candidates[m].isPrevious else { return false }
                    let facts = candidates[m].facts
                    return facts.title == new.title && facts.titleInferred == new.titleInferred && facts.abstract == new.abstract
                        && (facts.sources == new.sources || !candidateKeys[m].contains(where: PaperFacts.keyNamesSources))
                }
                let entry = RecordIndex.Entry(id: "", keys: same.map { candidateHashes[$0] } ?? new.identityKeys(newKeys).map(RecordIndex.keyHash),
                                              listings: listings.sorted())
                return MergedGroup(new: new, base: nil, added: (Slug.make(new.title), entry), listings: listings)
            }
            // A record's base: what the listings it came from said, as ingest last read them
            // where a listing's text changed since and held the paper then.
            let sourceListings = Set(target.sources.map { $0.listing })
            let before = Set(members.filter(\.isPrevious).map { $0.facts.sources[0].listing })
            let baseFacts = members.filter { member in
                let listing = member.facts.sources[0].listing
                return sourceListings.contains(listing) && member.isPrevious == before.contains(listing)
            }.map { $0.facts }
            return MergedGroup(new: new, base: baseFacts.isEmpty ? nil : tagged(PaperFacts.merge(baseFacts)).facts,
                               added: nil, listings: listings)
        }
        var taken = Set(entries.map(\.id)).union(unreadable)
        var outcomes = [IngestReport.Outcome?](repeating: nil, count: candidates.count)
        // Records that keep a value the settings given now would derive otherwise, by listing.
        var keptAgainstSettings: [String: [String: Int]] = [:]
        let given = options.settings
        let settingsGiven = [given.year.map { _ in "date" }, given.venue.map { _ in "venue" },
                             given.session.map { _ in "session" }, given.room.map { _ in "room" }].compactMap { $0 }
        var writes: [RecordWrite] = []
        for (group, facts) in zip(groups, merged) {
            guard let facts else { continue }
            let new = facts.new
            let matched = group.filter { $0 >= candidates.count }.map { records[$0 - candidates.count] }
            let outcome: IngestReport.Outcome
            if let target = matched.first {
                for other in matched.dropFirst() {
                    report.diagnostics.append(Diagnostic(file: store.path(for: other.id), line: nil, .warning,
                                                         "same paper as \(target.id).md (shared title or abstract); left as it is"))
                }
                var (updated, changed) = RecordFields.updated(target, base: facts.base, new: new)
                changed = changed || renamedRecords.contains(target.id)
                outcome = changed ? .updated : .unchanged
                if !settingsGiven.isEmpty, let listing = group.first(where: { $0 < candidates.count && candidates[$0].isInput }).map({ candidates[$0].facts.sources[0].listing }) {
                    for key in settingsGiven where RecordFields.meaning(updated[key]) != RecordFields.meaning(RecordFields.node(key, of: new)) {
                        keptAgainstSettings[listing, default: [:]][key, default: 0] += 1
                    }
                }
                if changed { writes.append(RecordWrite(id: updated.id, content: .updated(updated))) }
            } else {
                // (Every group without a record was merged as a new one, with its slug and entry.)
                guard let added = facts.added else { preconditionFailure("a new paper's group without its slug and index entry") }
                var id = added.slug
                if id.isEmpty { id = "paper" }
                if taken.contains(id) { id += "-" + Slug.disambiguator(for: new.identityKeys.first ?? new.title) }
                taken.insert(id)
                // Its index entry as grouping made it.
                let entry = RecordIndex.Entry(id: id, keys: added.entry.keys, listings: added.entry.listings)
                writes.append(RecordWrite(id: id, content: .new(new, entry)))
                outcome = .added
            }
            if facts.listings.count > 1 || Set(matched.flatMap { RecordFields.sourceRefs(in: $0).map(\.listing) }).union(facts.listings).count > 1 {
                report.merged.append(.init(title: new.title, sources: new.sources))
            }
            report.distinctPapers += 1
            for m in group where m < candidates.count && candidates[m].isInput { outcomes[m] = outcome }
        }

        // A setting given again, changed (a wrong --year put right), changes no record already
        // written: its value cannot be told from one edited by hand, and a later ingest without
        // the setting would otherwise undo it. That is said, not left to look like a no-op.
        for (listing, keys) in keptAgainstSettings.sorted(by: { $0.key < $1.key }) {
            let path = report.listings.first { $0.name == listing }?.path ?? site.listings + "/" + listing
            let kept = keys.sorted { $0.key < $1.key }.map { "\($0.key) (\(counted($0.value, "record")))" }.joined(separator: ", ")
            report.diagnostics.append(Diagnostic(file: path, line: nil, .warning,
                "records written before keep their \(kept), not what the settings given now make: ingest does not overwrite a record's value, as it cannot tell it from an edit by hand; delete those records and ingest again to apply the settings"))
        }

        report.written = options.dryRun ? 0 : writes.count
        let summaryIndex = Dictionary(report.listings.indices.map { (report.listings[$0].name, $0) }, uniquingKeysWith: { a, _ in a })
        // Candidates come a listing at a time: its summary is looked up once per run, not per entry.
        var current: (listing: String, index: Int?) = ("", nil)
        for (m, candidate) in candidates.enumerated() where candidate.isInput {
            let listing = candidate.facts.sources[0].listing
            if listing != current.listing { current = (listing, summaryIndex[listing]) }
            guard let index = current.index else { continue }
            report.listings[index].count(outcomes[m] ?? .unchanged)
        }
        report.merged.sort { $0.title < $1.title }

        // 4. Write what changed, each record atomically, on every core; each record is let go
        //    by the task that wrote it, unless the process ends after. The report the ingest
        //    cache keeps is encoded meanwhile (the first task): a failed write is an error, and
        //    a report with errors is not kept.
        if !options.dryRun {
            // Their order sorted, then each moved once: sorting the writes themselves moved
            // each, facts and all, at every step (1% of a fresh ingest, on one core).
            let order = writes.indices.sorted { writes[$0].id < writes[$1].id }
            let sorted = TaskSlots(order.map { writes[$0] })
            writes = []
            let endsAfter = options.processEndsAfter
            let kept = report.asUnchanged
            let encoded = Latches<[UInt8]>(1)
            // A record written is indexed as it now is on disk, so the next ingest need not parse it.
            let results = ParallelMap.run(sorted.count + 1) { task -> Result<RecordIndex.Written, Diagnostic>? in
                if task == 0 { encoded.set(0, IngestCache.encode(kept)); return nil }
                // Freeing a record's nodes was a tenth of writing it.
                let write = endsAfter ? sorted.value(task - 1) : sorted.take(task - 1)
                let path = store.path(for: write.id)
                let (entry, bytes): (RecordIndex.Entry, [UInt8])
                switch write.content {
                case .updated(let record): (entry, bytes) = (RecordIndex.entry(of: record), RecordCoding.bytes(record))
                case .new(let facts, let indexEntry): (entry, bytes) = (indexEntry, NewRecordText.bytes(id: write.id, facts: facts))
                }
                do { try store.write(bytes, to: path) } catch {
                    return .failure(Diagnostic(file: path, line: nil, .error, "\(error)"))
                }
                return .success(RecordIndex.Written(entry: entry, stamp: FileStamp(path: path), file: RecordStore.fileKey(bytes)))
            }.compactMap { $0 }
            for result in results { if case .failure(let diagnostic) = result { report.diagnostics.append(diagnostic) } }
            let written = results.compactMap { try? $0.get() }
            recordIndex.update(written)
            // Pruned after the writes, from the records as they left them; the records it
            // changes are read again by the next ingest, which repeats no report.
            if options.prune { ListingPrune.run(&report.gone, entries: entries, store: store, listingsFolder: site.listings, dryRun: false, diagnostics: &report.diagnostics) }
            let pruned = report.gone.contains { $0.pruned == .yes }
            if recordIndex.isStale { recordIndex.save(RecordIndex.path(site)) }
            // Fingerprinted with the records as this ingest left them (a record someone else
            // changes meanwhile keeps its old stamp here, so the next ingest reads it).
            if report.hasErrors || pruned { IngestCache.remove(site) } else {
                IngestedListings.keep(site, zip(readFiles, files).compactMap { read, file in
                    read.input == nil ? nil : read.extra.toKeep.map { (file.name, $0) }
                })
                let data = encoded.wait(0)
                let left = RecordStore.merging(written.map { (id: $0.entry.id, stamp: $0.stamp) }, into: stamped, id: \.id)
                IngestCache.save(data, site: site, fingerprint: IngestCache.fingerprint(site: site, inputs: files, options: options,
                                                                                      records: left, known: readDigests))
            }
            if endsAfter { ProcessEnd.keep(sorted, results, recordIndex) }
        } else if options.prune {
            ListingPrune.run(&report.gone, entries: entries, store: store, listingsFolder: site.listings, dryRun: true, diagnostics: &report.diagnostics)
        }
        if options.processEndsAfter { ProcessEnd.keep(candidates, groups, merged, records, inputs, references, previous) }
        return report
    }

    /// A record to write: one brought up to date, or a new paper's facts (`NewRecordText`) with
    /// its entry in the record index.
    /// The id is stored beside them: writes are sorted by it, and taking it out of an enum's
    /// case copied the facts (a retain of each text) at every comparison.
    struct RecordWrite {
        enum Content {
            case updated(Record)
            case new(PaperFacts, RecordIndex.Entry)
        }

        let id: String
        let content: Content
    }

    struct ParsedInput: Sendable {
        let name: String
        let members: [Member]
        /// The listing as ingest last read it (`IngestedListings`), not as it is now.
        let isPrevious: Bool
    }

    /// A group's paper as its listings' entries say it (`new`) and as the listings its record
    /// came from said it before (`base`); for a group with no record, `added`: the new record's
    /// slug and index entry (no id yet).
    struct MergedGroup: Sendable {
        let new: PaperFacts
        let base: PaperFacts?
        let added: (slug: String, entry: RecordIndex.Entry)?
        let listings: Set<String>
    }

    /// One listing entry's facts in the grouping; references (listings read only to know
    /// what ingest derived before) are never written on their own.
    /// A class: the 30,000 entries of a large ingest are gathered and regrouped, and copying
    /// a reference is one retain where copying the facts was one for each of their texts.
    final class Member: Sendable {
        let isInput: Bool
        /// Of a listing's text as ingest last read it: a record's base, never its facts.
        let isPrevious: Bool
        let facts: PaperFacts
        /// Made with the facts, on every core: its identity keys and its paper's tags need them.
        let textKeys: PaperFacts.TextKeys
        /// Its identity keys, and their hashes for grouping and for the record index.
        let identityKeys: [String]
        let keyHashes: [UInt64]
        init(isInput: Bool, isPrevious: Bool = false, facts: PaperFacts) {
            self.isInput = isInput
            self.isPrevious = isPrevious
            self.facts = facts
            textKeys = facts.textKeys
            identityKeys = facts.identityKeys(textKeys)
            keyHashes = identityKeys.map(RecordIndex.keyHash)
        }
    }

    /// The largest listing read, and the most papers taken from one: far beyond any real page
    /// (a conference's whole program is a few MB), small enough that memory and time stay bounded.
    static let maxListingBytes = 256 << 20
    static let maxEntries = 200_000

    /// A listing read and parsed; `readListings` makes its entries facts.
    struct ListingRead: Sendable {
        let file: ListingFiles.File
        let settings: ListingSettings
        let parsed: ParsedListing
        let year: ListingYear?
        /// The listing's bytes as read (let go once copied), and their `IngestCache.digest`.
        let bytes: [UInt8]
        let digest: UInt64

        var withoutBytes: ListingRead {
            ListingRead(file: file, settings: settings, parsed: parsed, year: year, bytes: [], digest: digest)
        }
    }

    /// Reads and parses one listing, recording format, counts and problems in `summary`.
    /// nil when the listing as a whole cannot be used.
    static func read(_ file: ListingFiles.File, settings: ListingSettings, today: CalendarDay,
                     summary: inout IngestReport.ListingSummary) -> ListingRead? {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        guard size <= maxListingBytes else {
            summary.diagnostics.append(Diagnostic(file: file.path, line: nil, .error,
                "the file is \(size >> 20) MB; digest reads listings of up to \(maxListingBytes >> 20) MB (split it into several listings)"))
            return nil
        }
        // Read into an array: each of the parse, the copy kept and the hash copied a `Data` into one.
        guard let bytes = FileBytes.read(file.path) else {
            summary.diagnostics.append(Diagnostic(file: file.path, line: nil, .error, "cannot read the file"))
            return nil
        }
        let text = ListingText(path: file.path, name: file.name, bytes: bytes)
        if text.isBroken {
            summary.diagnostics.append(Diagnostic(file: file.path, line: nil, .error,
                ListingEncoding.seems(text.encoding, byteOrderMark: text.hasByteOrderMark) + ", and not whole \(text.encoding.rawValue) either; save the listing as UTF-8"))
            return nil
        }
        if text.encoding != .utf8 {
            summary.diagnostics.append(Diagnostic(file: file.path, line: nil, .warning,
                "read as \(text.encoding.rawValue), not UTF-8 (\(text.howTold)); save the listing as UTF-8 to be sure it reads as meant"))
        }
        guard let format = settings.format ?? FormatDetector.detect(text) else {
            // (Lines that are not UTF-8 may be why: a file mostly UTF-8 is read as UTF-8.)
            let invalid = text.lines.filter { !$0.isValidUTF8 }.map(\.number)
            let why = invalid.first.map { "; its line \($0) is not UTF-8" + (invalid.count > 1 ? ", nor are \(invalid.count - 1) more" : "") } ?? ""
            summary.diagnostics.append(Diagnostic(file: file.path, line: nil, .error,
                "not a listing: it matches none of the formats (abstract list, daily papers page, poster session); use --format to force one" + why))
            return nil
        }
        summary.format = format
        summary.formatForced = settings.format != nil
        let parsed = format.parser.parse(text)
        summary.diagnostics += parsed.diagnostics
        summary.entries = parsed.entries.count
        guard parsed.entries.count <= maxEntries else {
            summary.diagnostics.append(Diagnostic(file: file.path, line: nil, .error,
                "\(parsed.entries.count) papers; digest takes up to \(maxEntries) from one listing (split it into several listings)"))
            return nil
        }
        guard !parsed.entries.isEmpty else {
            summary.diagnostics.append(Diagnostic(file: file.path, line: nil, .error, "no papers found in this \(format.displayName)"))
            return nil
        }
        let year = ListingYear.resolve(entries: parsed.entries, setting: settings.year, today: today)
        summary.yearNote = year?.explanation
        return ListingRead(file: file, settings: settings, parsed: parsed, year: year, bytes: bytes,
                           digest: IngestCache.digest(of: bytes))
    }

    /// Listings read (`read(i)`: parsed, or nil) and their entries made facts, as members of the
    /// grouping (`isInput`: listings asked for, or only referenced), in one parallel map: its
    /// first tasks read the listings, each on a core of its own, and each later task makes
    /// the facts of a slice of one listing's entries once that listing is parsed. Tasks
    /// start in order, so the parse a slice waits for is already running. (A parallel map of
    /// entries inside each listing's task ran on one core: libdispatch gives a nested map no
    /// more threads than are left, so the last listing parsed was made facts of alone.)
    static func readListings<Extra: Sendable>(_ count: Int, asked isInput: Bool, previous isPrevious: Bool = false, today: CalendarDay, slices: Int = 16,
                                              _ read: @Sendable (Int) -> (ListingRead?, Extra))
        -> [(input: ParsedInput?, digest: UInt64?, extra: Extra)] {
        let parsed = Latches<(ListingRead?, Extra)>(count)
        let made = ParallelMap.run(count * (1 + slices)) { task -> [Member] in
            guard task >= count else { parsed.set(task, read(task)); return [] }
            let (l, k) = ((task - count) / slices, (task - count) % slices)
            guard let listing = parsed.wait(l).0 else { return [] }
            let entries = listing.parsed.entries
            return entries[(k * entries.count / slices)..<((k + 1) * entries.count / slices)].map {
                Member(isInput: isInput, isPrevious: isPrevious, facts: Candidate.facts(for: $0, in: listing.parsed, name: listing.file.name,
                                                                settings: listing.settings, year: listing.year, today: today))
            }
        }
        return (0..<count).map { l in
            let (listing, extra) = parsed.wait(l)
            let members = made[(count + l * slices)..<(count + (l + 1) * slices)].flatMap { $0 }
            return (listing.map { ParsedInput(name: $0.file.name, members: members, isPrevious: isPrevious) }, listing?.digest, extra)
        }
    }
}

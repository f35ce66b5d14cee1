import Foundation
import Yams

/// The folder of records, `content/papers/<id>.md`.
public struct RecordStore: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    public func path(for id: String) -> String { String(concatenating: folder[...], "/", id[...], Self.ending[...]) }

    /// The ids of the records in the folder, in the order of their file names' bytes.
    public func ids() -> [String] {
        FolderNames.sorted(in: folder, ending: Self.ending)
    }

    /// Whether record `a` comes before record `b` in the order of `ids()`: by file name, so
    /// `a-b.md` before `a.md` (`FolderNames.inOrder`, the one comparison of both), without
    /// making the two names (two allocations a comparison were most of placing a fresh
    /// ingest's 10k records in order).
    static func inOrder(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { x in b.withUTF8 { y in suffix.withUnsafeBufferPointer { FolderNames.inOrder(x, y, tail: $0) } } }
    }

    /// Records and what a cache kept of them, both in the order of `ids()`, matched in one walk
    /// of both, not through a table of the ids: `found(record, entry)` for each of `records`
    /// (places in `ids`, ascending) that the entries (`keptCount` of them, each with its id
    /// `keptID`) hold. A record or an entry out of order is passed over: the record is read
    /// again, no more. (The record index's and the paper cache's.)
    static func matchKept(_ ids: [String], records: some Sequence<Int>, keptCount: Int, keptID: (Int) -> String,
                          _ found: (_ record: Int, _ entry: Int) -> Void) {
        // (Each entry's id taken and compared once a step: taken and compared again for the
        // match, it was two copies and two comparisons of each of 100k ids in every rebuild.)
        var c = 0
        for i in records {
            while c < keptCount {
                let kept = keptID(c)
                if kept == ids[i] {
                    found(i, c)
                    c += 1
                    break
                }
                guard inOrder(kept, ids[i]) else { break }
                c += 1
            }
        }
    }

    /// What a record's file name ends in, after its id.
    static let ending = ".md"
    private static let suffix = Array(ending.utf8)

    /// `sorted` (in the order of `ids()`) with `updates` put in: each replaces the
    /// item with its id, or goes in at its place. An ingest writes a few hundred records into a
    /// store of 100k, and sorting them all again for it was a tenth of its time.
    static func merging<Item>(_ updates: [Item], into sorted: [Item], id: (Item) -> String) -> [Item] {
        var result = sorted
        var added: [(at: Int, item: Item)] = []
        for item in updates {
            var (low, high) = (0, result.count)
            while low < high {
                let mid = (low + high) / 2
                if inOrder(id(result[mid]), id(item)) { low = mid + 1 } else { high = mid }
            }
            if low < result.count, id(result[low]) == id(item) { result[low] = item } else { added.append((low, item)) }
        }
        guard !added.isEmpty else { return result }
        added.sort { $0.at != $1.at ? $0.at < $1.at : inOrder(id($0.item), id($1.item)) }
        var merged: [Item] = []
        merged.reserveCapacity(result.count + added.count)
        var from = 0
        for (at, item) in added {
            merged += result[from..<at]
            merged.append(item)
            from = at
        }
        merged += result[from...]
        return merged
    }

    /// The ids, sorted, each with its file's stamp, taken on every core: how the caches in
    /// `.digest-cache/` know a record unchanged (nil where the file could not be stated).
    /// Each file is stated by its name in the open folder, as the folder's listing holds it
    /// (`FolderNames.stamped`): a path made for each and walked from the working directory took
    /// a fifth longer (100k in C on one core: 0.16–0.19 s against 0.13 s).
    func stampedIDs() -> [(id: String, stamp: FileStamp?)] {
        let (ids, stamps) = FolderNames.stamped(in: folder, ending: Self.ending)
        return zip(ids, stamps).map { (id: $0, stamp: $1) }
    }

    /// One record, or what is wrong with its file, with the line where it can be told.
    /// `valuesAsText`: as `RecordCoding.read` has it.
    public func read(id: String, valuesAsText: Bool = false) -> Result<Record, Diagnostic> {
        file(id: id).flatMap { record(id: id, file: $0, valuesAsText: valuesAsText) }
    }

    /// A record's file, read: its bytes, or why they cannot be a record's.
    func file(id: String) -> Result<Data, Diagnostic> {
        let path = path(for: id)
        // The id becomes a folder and a URL of the site, so only a slug will do; and a link
        // could point anywhere on the machine, so records must be files of the site itself.
        guard Slug.isValid(id) else {
            let suggestion = Slug.make(id)
            return .failure(Diagnostic(file: path, line: nil, .error, "a record's file name must be lowercase letters, digits and single dashes"
                                       + (suggestion.isEmpty ? "" : " (rename it to \(suggestion).md)")))
        }
        if SymbolicLink.isLink(path) { return .failure(SymbolicLink.diagnostic(path)) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Diagnostic(file: path, line: nil, .error, "cannot read the record"))
        }
        return .success(data)
    }

    /// A record that is not UTF-8, said with where and, for a whole file in UTF-16 (Notepad's
    /// "Unicode", as a record edited on Windows may be saved), what it seems to be. Records are
    /// read as UTF-8 only, not made UTF-8 as a listing is: ingest rewrites them, and the build
    /// would publish a guess.
    static func notUTF8(_ data: Data, file: String) -> Diagnostic {
        let bytes = [UInt8](data)
        if let (encoding, bom) = bytes.withUnsafeBufferPointer(ListingEncoding.utf16) {
            return Diagnostic(file: file, line: nil, .error, "the record is " + ListingEncoding.seems(encoding, byteOrderMark: bom > 0) + "; save it as UTF-8")
        }
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let line = lines.firstIndex { String(validating: $0, as: UTF8.self) == nil }.map { $0 + 1 }
        return Diagnostic(file: file, line: line, .error, "the record is not UTF-8 text: this line has a byte that is not; save it as UTF-8")
    }

    /// The record a file read by `file(id:)` holds.
    func record(id: String, file data: Data, valuesAsText: Bool = false) -> Result<Record, Diagnostic> {
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(Self.notUTF8(data, file: path(for: id)))
        }
        do throws(RecordCoding.ReadError) {
            return .success(try RecordCoding.read(id: id, text: text, valuesAsText: valuesAsText))
        } catch {
            return .failure(Diagnostic(file: path(for: id), line: error.line, .error, error.message))
        }
    }

    /// Every record read on every core, each handed to `use` with its id. Values are read as
    /// text (Yams' basic resolver: no regular expression per scalar), which is all a build or
    /// `digest check` reads of them; only what `use` returns (Sendable) comes back.
    func readEach<T: Sendable>(_ use: @Sendable (_ id: String, _ read: Result<Record, Diagnostic>) -> T) -> [T] {
        let ids = ids()
        return ParallelMap.run(ids.count) { use(ids[$0], read(id: ids[$0], valuesAsText: true)) }
    }

    public func write(_ record: Record) throws { try write(RecordCoding.bytes(record), to: path(for: record.id)) }

    /// A record's file as `RecordCoding` made it, at its `path(for:)`.
    func write(_ bytes: [UInt8], to path: String) throws {
        do { try AtomicFile.write(bytes, to: path) } catch {
            // The folder is made when a write fails (a new site's first records), and the write
            // tried once more: a mkdir before every write was a system call in four of an
            // ingest's. (Another thread may have made it meanwhile; making it again is no error.)
            guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { throw error }
            try AtomicFile.write(bytes, to: path)
        }
    }
}

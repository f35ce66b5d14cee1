import Foundation

/// What the last build wrote, beside the site in `.digest-cache/` (not committed): a
/// fingerprint of everything every page depends on (templates, assets, config, options,
/// the digest executable), for each output file the hash of its own inputs (`OutputHashes`),
/// and — so that a build with nothing changed can say so without reading a record — the stamp
/// of the files it read (`BuildInputs`) and what its report said. A rebuild renders only the outputs whose hash changed.
/// After a rebuild, also the name of the site it replaced, kept beside the new one, and the
/// paths where that one differs from the new (`SiteStaging`). And the mark of the search
/// index it wrote (`SearchIndexBuilder.index`): the next build takes from the site the term
/// buckets it would make as they are only when the words it finds kept bear the same mark.
struct BuildCache: Equatable {
    static let version = "digest-build-cache 7"
    var fingerprint: String
    var output: String
    var inputs: String
    var report: BuildReport.Saved?
    var outputs: OutputHashes
    var previous = ""
    var stale: Set<String> = []
    var searchMark: UInt64 = 0
    /// The stamp of the files read besides the records (`BuildInputs.others`), and what the
    /// records held (`SiteLoader.Loaded.recordsKey`): records written again with the same
    /// bytes leave the site as it is.
    var others = ""
    var records: UInt64?
    /// When the build that made the current site, and the one that made the previous site,
    /// sealed it (`SiteSeal`; 0: unknown): a rebuild finds the files of a folder changed
    /// before then as that build left them.
    var sealed: UInt64 = 0
    var previousSealed: UInt64 = 0

    /// One cache per output folder, so building elsewhere (`-o`) does not spoil it.
    static func path(siteFolder: String, output: String) -> String {
        SitePaths(root: siteFolder).path(".digest-cache/build-\(String(ContextHash.of(folder(output)), radix: 16)).tsv")
    }

    /// The output folder as a cache names it: absolute, so that it is the same folder from
    /// wherever digest runs (`public` from the site, `site/public` from above it).
    static func folder(_ output: String) -> String {
        URL(fileURLWithPath: output).standardizedFileURL.path
    }

    static func load(_ path: String) -> BuildCache? {
        guard let data = FileBytes.read(path) else { return nil }
        // Read as bytes: at 100k papers the cache has 350k lines, and splitting it as a String
        // took most of a build with nothing changed.
        return data.withUnsafeBufferPointer { bytes -> BuildCache? in
            guard let (lines, tableStart) = header(bytes, lines: 11) else { return nil }
            var at = tableStart
            var outputs = OutputHashes()
            var stale: Set<String> = []
            // (Each line's end and tab found many bytes at a step: a byte at a time, 23 MB at 100k papers.)
            while at < bytes.count {
                let end = bytes.firstIndex(of: 0x0A, in: at..<bytes.count) ?? bytes.count
                defer { at = end + 1 }
                if end == at { continue }
                guard let tab = bytes.firstIndex(of: 0x09, in: at..<end) else { return nil }
                let path = String(decoding: UnsafeBufferPointer(rebasing: bytes[(tab + 1)..<end]), as: UTF8.self)
                if tab == at + 1 && bytes[at] == 0x2D {  // "-": a stale path
                    stale.insert(path)
                } else {
                    guard let hash = hex(bytes[at..<tab]) else { return nil }
                    outputs.append(path, hash)
                }
            }
            let report = try? JSONDecoder().decode(BuildReport.Saved.self, from: Data(lines[4].utf8))
            return BuildCache(fingerprint: lines[1], output: lines[2], inputs: lines[3], report: report, outputs: outputs,
                              previous: lines[5], stale: stale, searchMark: UInt64(lines[6], radix: 16) ?? 0,
                              others: lines[7], records: UInt64(lines[8], radix: 16),
                              sealed: UInt64(lines[9], radix: 16) ?? 0, previousSealed: UInt64(lines[10], radix: 16) ?? 0)
        }
    }

    /// Takes out the caches of other output folders that are gone: a build with `-o /tmp/x`,
    /// then `/tmp/x` removed, would otherwise leave its cache (21 MB at 100k papers) for good.
    /// Also another cache of this build's own folder (`output`), under a name an earlier
    /// digest gave it. A cache of another version, whose lines this does not know, is left alone.
    static func removeOrphans(besides path: String, output own: String) {
        let folder = FilePath.parent(of: path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix("build-") && name.hasSuffix(".tsv") && folder + "/" + name != path {
            let other = folder + "/" + name
            // (A relative folder, written before caches named it absolute, is not judged from here.)
            guard let output = output(of: other), output.hasPrefix("/") else { continue }
            if output == own || !FileManager.default.fileExists(atPath: output) {
                unlink(other)
                unlink(PageSpans.path(besides: other))
            }
        }
    }

    /// The output folder a cache was made for, from its first lines alone.
    static func output(of path: String) -> String? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        let head = [UInt8]((try? file.read(upToCount: 64 << 10)) ?? Data())
        return head.withUnsafeBufferPointer { header($0, lines: 3)?.lines[2] }
    }

    /// The first `count` lines (version, fingerprint, output folder, inputs, report, previous
    /// site, search mark, other inputs, records, the two seals) and where the table after them
    /// starts; nil for another version or fewer lines.
    private static func header(_ bytes: UnsafeBufferPointer<UInt8>, lines count: Int) -> (lines: [String], end: Int)? {
        var lines: [String] = []
        var at = 0
        while lines.count < count, let end = bytes[at...].firstIndex(of: 0x0A) {
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<end]), as: UTF8.self))
            at = end + 1
        }
        guard lines.count == count, lines[0] == version else { return nil }
        return (lines, at)
    }

    /// A hash as `save` writes it: lowercase hex digits, at most 16.
    static func hex(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            switch digit {
            case 0x30...0x39: value = value << 4 | UInt64(digit - 0x30)
            case 0x61...0x66: value = value << 4 | UInt64(digit - 0x61 + 10)
            default: return nil
            }
        }
        return value
    }

    func save(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: FilePath.parent(of: path), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys  // one line: JSON escapes every newline in a string
        let saved = report.flatMap { try? encoder.encode($0) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
        // Bytes, not a String grown line by line: at 100k papers that took half a second at
        // the end of every build.
        let head = Array((Self.version + "\n" + fingerprint + "\n" + output + "\n" + inputs + "\n" + saved + "\n" + previous + "\n"
                          + String(searchMark, radix: 16) + "\n" + others + "\n" + (records.map { String($0, radix: 16) } ?? "") + "\n"
                          + String(sealed, radix: 16) + "\n" + String(previousSealed, radix: 16) + "\n").utf8)
        // Lines in the build's order (`OutputHashes`): the same file for the same site.
        // (Sorted by path, the 350k lines at 100k papers took 0.24 s to order.) Made in runs on
        // every core: on one, 35 ms at the end of every build at 100k papers.
        let (paths, hashes) = (outputs.paths, outputs.hashes)
        // Each run's size first, then its lines written in place: a hash or a path appended at a
        // time, each append checking the array's room and that it is not shared, made the lines
        // 2.7% of an edit's instructions at 100k papers.
        let lines = ParallelMap.runs(of: paths) { run in
            let size = run.indices.reduce(0) { $0 + Self.hexDigits(hashes[$1]) + paths[$1].utf8.count + 2 }
            return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                var at = 0
                for i in run.indices {
                    at = Self.writeHex(hashes[i], into: buffer, at: at)
                    buffer[at] = 0x09
                    at = Self.write(paths[i], into: buffer, at: at + 1)
                    buffer[at] = 0x0A
                    at += 1
                }
                count = at
            }
        }
        var tail: [UInt8] = []
        for path in stale.sorted() { tail += "-\t".utf8; tail += path.utf8; tail.append(0x0A) }
        try AtomicFile.write(to: path) { put in
            for part in [head] + lines + [tail] { try part.withUnsafeBytes { try put($0) } }
        }
    }

    /// The count of `value`'s hex digits, without leading zeros.
    static func hexDigits(_ value: UInt64) -> Int { max(1, (64 - value.leadingZeroBitCount + 3) / 4) }

    /// `value` as lowercase hex digits without leading zeros, as `hex` reads it back, into
    /// `buffer` from `start`; where they end.
    static func writeHex(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        let end = start + hexDigits(value)
        var (rest, at) = (value, end)
        repeat {
            let digit = UInt8(truncatingIfNeeded: rest) & 0xF
            at -= 1
            buffer[at] = digit < 10 ? 0x30 + digit : 0x57 + digit
            rest >>= 4
        } while at > start
        return end
    }

    /// A text's UTF-8 bytes into `buffer` from `start`; where they end.
    private static func write(_ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        let count = text.withUTF8Bytes { UnsafeMutableBufferPointer(rebasing: buffer[start...]).initialize(fromContentsOf: $0) }
        return start + count
    }
}

/// `WordHash` over a canonical rendering of a template context: dictionaries by sorted
/// key, arrays in order, each value tagged with its type. Equal contexts hash equal in every run.
struct ContextHash {
    private var hash = WordHash()
    var value: UInt64 { hash.value }

    mutating func add(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { hash.add(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { hash.add($0) } }
    }

    mutating func add(byte: UInt8) { hash.add(byte) }

    /// Eight bytes, little-endian.
    mutating func add(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { add($0) }
    }

    mutating func add(_ stamp: FileStamp) {
        add(stamp.inode)
        add(stamp.size)
        add(stamp.modified)
        add(stamp.changed)
    }

    /// (A text's bytes taken where the String keeps them: through the generic `add`, a
    /// String's view cost 170 instructions a path, for each of 700k paths in an edit's
    /// rebuild at 100k papers, and every text of every page's inputs.)
    mutating func add(tag: UInt8, _ text: String) {
        add(byte: tag)
        add(text)
        add(byte: 0)
    }

    /// A text's UTF-8 bytes, the same as `add(text.utf8)`.
    mutating func add(_ text: String) {
        text.withUTF8Bytes { hash.add(UnsafeRawBufferPointer($0)) }
    }

    /// A text as its UTF-8 bytes, wherever they are (an abstract where the paper cache is
    /// mapped: `AbstractText`), the same as the text.
    mutating func add(tag: UInt8, utf8 bytes: some Sequence<UInt8>) {
        add(byte: tag)
        add(bytes)
        add(byte: 0)
    }

    mutating func add(any: Any) {
        // The types contexts hold, told by their type first: each `as` below is a runtime cast,
        // one that fails costing about what one that succeeds does, and a dictionary was four
        // failed casts before its own (every rebuild hashes the contexts of 100k list items and
        // the home, tag and source pages at 100k papers).
        let type = type(of: any)
        if type == String.self { return add(tag: 1, any as! String) }
        if type == [String: Any].self { return add(any as! [String: Any]) }
        if type == [[String: Any]].self { return add(dictionaries: any as! [[String: Any]]) }
        if type == Int.self { return add(tag: 2, String(any as! Int)) }
        if type == Bool.self { return add(tag: 3, any as! Bool ? "1" : "0") }
        switch any {
        // List items, lists of them and joined lists say what they are made from, before
        // `as [Any]` could convert a list element by element (the same bytes, at several
        // times the cost).
        case let inputs as HashedByInputs: inputs.addInputs(to: &self)
        case let s as String: add(tag: 1, s)
        case let n as Int: add(tag: 2, String(n))
        case let b as Bool: add(tag: 3, b ? "1" : "0")
        case let d as [String: Any]: add(d)
        case let a as [[String: Any]]: add(dictionaries: a)
        case let a as [Any]: add(byte: 9); for element in a { add(any: element) }; add(byte: 10)
        case let d as Double: add(tag: 11, String(d))
        default: add(tag: 12, String(describing: any))
        }
    }

    private mutating func add(dictionaries: [[String: Any]]) {
        add(byte: 9)
        for d in dictionaries { add(d) }
        add(byte: 10)
    }

    /// A list of items: each item's inputs, between list marks.
    mutating func add(items: [some RenderedItem]) {
        add(byte: 9)
        for item in items { item.addInputs(to: &self) }
        add(byte: 10)
    }

    /// A paper's list item: made from its summary, at a link root.
    mutating func add(_ summaryHash: UInt64, root: String) {
        add(tag: 4, root)
        add(tag: 5, String(summaryHash, radix: 16))
    }

    private mutating func add(_ d: [String: Any]) {
        add(byte: 6)
        for key in d.keys.sorted() { add(tag: 7, key); add(any: d[key]!) }
        add(byte: 8)
    }

    static func of(_ any: Any) -> UInt64 {
        var hash = ContextHash()
        hash.add(any: any)
        return hash.value
    }

    static func of(text: String) -> UInt64 {
        var hash = ContextHash()
        hash.add(text)
        return hash.value
    }

    static func of(bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = ContextHash()
        hash.add(bytes)
        return hash.value
    }
}

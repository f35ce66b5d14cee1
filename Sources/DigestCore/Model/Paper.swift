import Foundation
import Synchronization

/// A paper as the site shows it: its record's id and the facts the record holds (the same
/// fields ingest writes; see `PaperFacts`).
///
/// The facts sit in a box of their own, shared by copies until one is changed: a paper is
/// copied wherever it is read out of an array (a loop, an argument, a sort), and a copy of the
/// facts themselves is a retain of each of their dozen texts and lists — 4% of a 100k rebuild's
/// CPU, touching a dozen objects per paper. A copy of the box is one retain.
@dynamicMemberLookup
public struct Paper: Sendable {
    public var id: String
    /// `draft: true` in its record: the paper is kept (ingest finds it, and leaves it as it
    /// is) but left out of the site. Deleting a record does not remove a paper, as the next
    /// ingest of its listing writes it again.
    public var isDraft = false
    private var box: FactsBox

    public init(id: String, title: String) {
        self.init(id: id, facts: PaperFacts(title: title))
    }

    /// (The facts given up to the box, not copied into it: a retain of each of their texts
    /// and lists, and a release of the caller's.)
    init(id: String, facts: consuming PaperFacts) {
        self.id = id
        self.box = FactsBox(facts)
    }

    /// A paper as the paper cache holds it: its facts as they are encoded at `range` of `wire`
    /// (`PaperFacts.write`), made when first asked for; `date`, `tags` and `sources` given now.
    init(id: String, isDraft: Bool, date: String?, tags: [String], sources: [SourceRef], encodedAt range: Range<Int>, in wire: WireBytes) {
        (self.id, self.isDraft) = (id, isDraft)
        box = FactsBox(date: date, tags: tags, sources: sources, encoded: (wire, range))
    }

    public var facts: PaperFacts {
        _read { yield box.facts.pointee }
        // A box's facts are never changed in place: a change takes them out of the box and
        // puts them in a new one. So they are read with no check that nothing writes them
        // meanwhile (`swift_beginAccess`, for each read of each of 100k papers).
        _modify {
            var facts = box.facts.pointee
            box = FactsBox.spent  // (the old box let go, so that `facts` is changed in place)
            defer { box = FactsBox(facts) }
            yield &facts
        }
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<PaperFacts, T>) -> T {
        get { box.facts.pointee[keyPath: path] }
        set { facts[keyPath: path] = newValue }
    }

    // The facts every build reads of every paper, to order and group them, read without the
    // others (`FactsBox`).
    public var date: String? {
        get { box.date }
        set { facts.date = newValue }
    }
    public var tags: [String] {
        get { box.tags }
        set { facts.tags = newValue }
    }
    public var sources: [SourceRef] {
        get { box.sources }
        set { facts.sources = newValue }
    }

    /// Where the paper cache's encoding of the facts is, when they were taken from it: they
    /// are written again as they are.
    var encodedFacts: (wire: WireBytes, range: Range<Int>)? { box.encoded }

    /// The date's first four characters. (Its first four bytes when they are ASCII digits and
    /// no more follows or an ASCII byte, which joins no digit into one character, as in every
    /// checked record: `prefix(4)` walks Characters, and with the Substring it makes was half of
    /// counting 100k papers' years for the search's facets and filters.)
    public var year: String? {
        guard let date else { return nil }
        let digits = date.withUTF8Bytes { bytes -> String? in
            guard bytes.count >= 4, bytes.prefix(4).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), bytes.count == 4 || bytes[4] < 0x80 else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<4]), as: UTF8.self)
        }
        return digits ?? String(date.prefix(4))
    }

    /// A record as a paper, with what `RecordCheck` says of it (the one place records are
    /// validated): no paper when it found an error.
    public static func checked(_ record: Record, file: String) -> (paper: Paper?, problems: [Diagnostic]) {
        let problems = RecordCheck.problems(record, file: file)
        guard !problems.contains(where: { $0.severity == .error }) else { return (nil, problems) }
        // (The facts made whole, then boxed once: each change through `facts` boxes them anew.)
        var facts = RecordFields.facts(in: record)
        facts.tags = Array(Set(facts.tags.map { Slug.make($0) }.filter { !$0.isEmpty })).sorted()
        var paper = Paper(id: record.id, facts: facts)
        paper.isDraft = record.bool("draft")
        return (paper, problems)
    }

    /// Reads a record; a record with an error (no usable title, a date that is no day, a field
    /// of the wrong type) is reported by its first error.
    public static func from(_ record: Record, file: String) -> Result<Paper, Diagnostic> {
        let (paper, problems) = checked(record, file: file)
        if let paper { return .success(paper) }
        return .failure(problems.first { $0.severity == .error }!)
    }

    /// Newest first; undated papers after dated ones; then by id, so ties depend neither on the
    /// order records were read in nor on the machine's locale. An id is the record's file name,
    /// the slug of the paper's title when it was first ingested, so a day's papers are in the
    /// order of their titles (folded to ASCII, as slugs are) as ingested, and a title edited
    /// later does not move its paper: the pages that list the papers of its day, and the
    /// places the search index numbers papers by, stay as they were.
    ///
    /// Undated papers have no day to go by, but have the listing they came from: they go by
    /// their first source, in its listing's order (a poster session's papers as it lists
    /// them), then those from no listing, by id. So a listing of undated papers that comes
    /// after the others (`posters-day-3.txt` after `posters-day-2.txt`) adds its papers after
    /// theirs, leaving the others' places, and the search index's numbers, as they were: by
    /// id, its papers fell among all the others and moved most of them.
    public static func newestFirst(_ a: Paper, _ b: Paper) -> Bool {
        if a.date != b.date {
            guard let da = a.date else { return false }
            guard let db = b.date else { return true }
            return da > db
        }
        if a.date == nil, let ordered = cameFirst(a.sources.first, b.sources.first) { return ordered }
        return a.id < b.id
    }

    /// Whether the paper from `a` goes before the one from `b`; nil when neither does.
    private static func cameFirst(_ a: SourceRef?, _ b: SourceRef?) -> Bool? {
        switch (a, b) {
        case let (a?, b?): return a == b ? nil : a < b
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return nil
        }
    }
}

/// A paper's facts, never changed: `Paper.facts` puts changed facts in a new box.
///
/// Facts taken from the paper cache are made when first asked for, from the cache's mapping.
/// A rebuild takes 100k papers from the cache and orders and groups them all by their dates,
/// tags and sources (which come made), but reads the other facts of the few that changed:
/// every page's inputs are the keys kept beside the facts (`PaperKeys`). Every paper's facts
/// made as it was read were 0.65 G of a title edit's 7.58 G instructions at 100k papers; made
/// when asked for, the edit took 7.32 G. (A listing's rebuild reads all of them for the search
/// filters: 0.2 G more.)
final class FactsBox: @unchecked Sendable {
    let date: String?
    let tags: [String]
    let sources: [SourceRef]
    /// Where the cache's encoding of the facts is; nil for facts given made.
    let encoded: (wire: WireBytes, range: Range<Int>)?
    /// The facts, once made. (Made by whichever thread asks first; two at once each make
    /// them, and the one that puts them here second takes the first's.)
    private let made = Atomic<UnsafeMutablePointer<PaperFacts>?>(nil)

    init(_ facts: consuming PaperFacts) {
        (date, tags, sources, encoded) = (facts.date, facts.tags, facts.sources, nil)
        let pointer = UnsafeMutablePointer<PaperFacts>.allocate(capacity: 1)
        pointer.initialize(to: facts)
        made.store(pointer, ordering: .releasing)
    }

    init(date: String?, tags: [String], sources: [SourceRef], encoded: (wire: WireBytes, range: Range<Int>)) {
        (self.date, self.tags, self.sources, self.encoded) = (date, tags, sources, encoded)
    }

    deinit {
        guard let pointer = made.load(ordering: .acquiring) else { return }
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }

    var facts: UnsafePointer<PaperFacts> {
        if let pointer = made.load(ordering: .acquiring) { return UnsafePointer(pointer) }
        // (The encoding was read through once as the paper was taken from the cache: it reads.
        // The date, tags and sources made then are taken, not made again.)
        var wire = WireReader(encoded!.wire, at: encoded!.range.lowerBound)
        let pointer = UnsafeMutablePointer<PaperFacts>.allocate(capacity: 1)
        pointer.initialize(to: PaperFacts.read(from: &wire, made: (date, tags, sources)) ?? PaperFacts(title: ""))
        let (stored, first) = made.compareExchange(expected: nil, desired: pointer, ordering: .acquiringAndReleasing)
        guard !stored, let first else { return UnsafePointer(pointer) }
        pointer.deinitialize(count: 1)
        pointer.deallocate()
        return UnsafePointer(first)
    }

    /// What a paper holds while its facts are out of their box, being changed.
    static let spent = FactsBox(PaperFacts(title: ""))
}

/// A chunk's entries (`WordChunk`: its papers' terms, and what each counts): an array of its
/// own, or, while the chunk has only one run of papers taken from the kept words, that run
/// read where the kept file is mapped. An edit at 100k papers takes all but a few of its papers
/// from there, and copied their 13M entries (100 MB for the search index, as much for the
/// related papers) out of the file into fresh memory, each build, to read them once.
struct ChunkEntries<Element: BitwiseCopyable>: RandomAccessCollection, ExpressibleByArrayLiteral, @unchecked Sendable {
    private var own: [Element] = []
    /// The kept entries viewed, and what keeps them where they are (`WireArray.viewed`): the
    /// mapping is only read, so copies of this on other threads are safe.
    private var kept: (base: UnsafePointer<Element>, count: Int, owner: AnyObject)?

    init() {}

    init(arrayLiteral elements: Element...) { own = elements }

    var startIndex: Int { 0 }
    var endIndex: Int { kept?.count ?? own.count }

    subscript(i: Int) -> Element {
        get {
            guard let kept else { return own[i] }
            precondition(i >= 0 && i < kept.count, "index in range")
            return kept.base[i]
        }
        _modify {
            owning()
            yield &own[i]
        }
    }

    /// The entries as an array: the chunk's own, or a copy of those viewed.
    var array: [Element] {
        kept == nil ? own : withUnsafeBufferPointer(Array.init)
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        guard let kept else { return try own.withUnsafeBufferPointer(body) }
        return try withExtendedLifetime(kept.owner) { try body(UnsafeBufferPointer(start: kept.base, count: kept.count)) }
    }

    mutating func withUnsafeMutableBufferPointer<R>(_ body: (inout UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        owning()
        return try own.withUnsafeMutableBufferPointer(body)
    }

    mutating func append(_ element: Element) {
        owning()
        own.append(element)
    }

    mutating func append(contentsOf elements: some Sequence<Element>) {
        owning()
        own.append(contentsOf: elements)
    }

    static func += (entries: inout ChunkEntries, elements: some Sequence<Element>) {
        entries.append(contentsOf: elements)
    }

    /// Entries `range` of the kept `array`, as `Element`s of the same size: viewed where they
    /// are when there are none yet, else copied after them.
    mutating func append<Kept: FixedWidthInteger>(kept array: WireArray<Kept>, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let viewed = array.viewed(range, as: Element.self)
        if isEmpty {
            own = []  // (room made for a copy is not needed)
            kept = viewed
            return
        }
        owning()
        withExtendedLifetime(viewed.owner) { own += UnsafeBufferPointer(start: viewed.base, count: viewed.count) }
    }

    mutating func reserveCapacity(_ count: Int) {
        if kept == nil { own.reserveCapacity(count) }
    }

    /// Its own array at its size: growth by doubling leaves up to half of it unused. (Not one
    /// made about that size at once, `reserveCapacity`, which a rebuild's room for its few new
    /// papers leaves within a 64th.)
    mutating func trim() {
        guard kept == nil, own.capacity > own.count + own.count / 64 else { return }
        own = Array(unsafeUninitializedCapacity: own.count) { buffer, n in n = buffer.initialize(fromContentsOf: own) }
    }

    /// The viewed entries copied into an array of its own, to be changed.
    private mutating func owning() {
        guard kept != nil else { return }
        let copy = withUnsafeBufferPointer { viewed in
            var copy: [Element] = []
            copy.reserveCapacity(viewed.count + viewed.count / 8)
            copy += viewed
            return copy
        }
        (own, kept) = (copy, nil)
    }
}

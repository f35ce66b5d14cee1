/// The few best of many, best first, without sorting them all.
enum Selection {
    /// `items.sorted(by: better).prefix(count)`, for `better` a strict order that ties no two
    /// items. The items are split around a pivot (Hoare) only on the side that holds the
    /// `count`-th best until it is in its place, and those before it are sorted: a common
    /// word's or term's best 256 of thousands of postings. (swift-algorithms'
    /// `min(count:sortedBy:)` sorts them all below ten times the count, else inserts each
    /// better one into a sorted array; the sorts alone were 75 ms of CPU of every 100k rebuild's
    /// related papers.)
    static func best<T>(_ count: Int, of items: some Collection<T>, by better: (T, T) -> Bool) -> [T] {
        choose(count, of: Array(items), by: better)
    }

    /// The same for numbers, the smallest first, in the array given (not a copy of it), with
    /// `<` compiled in: passed as `by: <`, each comparison called `Comparable`'s through a
    /// thunk, and the related papers' 3,500 final sorts of 256 took 0.31 billion instructions
    /// of a 100k rebuild (now 0.12).
    static func smallest(_ count: Int, of numbers: consuming [UInt64]) -> [UInt64] {
        choose(count, of: numbers) { $0 < $1 }
    }

    /// A number that `smallest` takes first for a higher `value`, and of equal values for a
    /// lower `place` (below 2³²): a posting of the search index (its score) or of the related
    /// papers (its weight's bits).
    static func rank(_ value: UInt32, place: Int) -> UInt64 {
        UInt64(~value) << 32 | UInt64(UInt32(truncatingIfNeeded: place))
    }

    /// `smallest` in room kept and used again, not a copy: its first `count` numbers become
    /// the smallest, ascending; the others stay after them, in no order. (Each paper's ~100
    /// terms, for its 24 strongest: sorted whole, they were 16k instructions a paper, and a copy
    /// for `smallest` is an allocation per paper.) A buffer, read and swapped without a check of
    /// an array's storage or bounds at each step (as an array's, those were a sixth of choosing
    /// 100k papers' terms).
    static func smallestFirst(_ count: Int, in numbers: UnsafeMutableBufferPointer<UInt64>) {
        let kept = min(count, numbers.count)
        var numbers = numbers
        if kept > 0, kept < numbers.count { putFirst(kept, in: &numbers) { $0 < $1 } }
        // (A few dozen: inserted one by one, with no call per comparison.)
        for i in 1..<max(1, kept) {
            let number = numbers[i]
            var j = i
            while j > 0, numbers[j - 1] > number {
                numbers[j] = numbers[j - 1]
                j -= 1
            }
            numbers[j] = number
        }
    }

    @inline(__always)
    private static func choose<T>(_ count: Int, of items: consuming [T], by better: (T, T) -> Bool) -> [T] {
        var a = items
        guard count < a.count else { return a.sorted(by: better) }
        guard count > 0 else { return [] }
        putFirst(count, in: &a, by: better)
        a.removeSubrange(count...)
        a.sort(by: better)
        return a
    }

    /// Puts the `count` best of `a` before the others, in no order (0 < count < a.count).
    @inline(__always)
    private static func putFirst<C: MutableCollection & RandomAccessCollection>(_ count: Int, in a: inout C, by better: (C.Element, C.Element) -> Bool)
    where C.Index == Int {
        let k = a.startIndex + count - 1
        var (low, high) = (a.startIndex, a.endIndex - 1)
        while low < high {
            // The median of three: postings come in paper order, their weights often in runs.
            let mid = low + (high - low) / 2
            if better(a[mid], a[low]) { a.swapAt(mid, low) }
            if better(a[high], a[low]) { a.swapAt(high, low) }
            if better(a[high], a[mid]) { a.swapAt(high, mid) }
            let pivot = a[mid]
            // (Steps by wrapping arithmetic: the places stay within the collection, and each
            // step checked for overflow was a branch in the loop that chooses every paper's
            // terms, 10M entries when a listing makes every vector again.)
            var (i, j) = (low, high)
            while i <= j {
                while better(a[i], pivot) { i &+= 1 }
                while better(pivot, a[j]) { j &-= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    (i, j) = (i &+ 1, j &- 1)
                }
            }
            // [low, j] are no worse than the pivot, [i, high] no better; between them, the pivot.
            if k <= j { high = j } else if k >= i { low = i } else { break }
        }
    }
}

/// Lists of items one after another in one array: list `i` is `items[range(i)]`.
struct Flat<Item: Sendable>: Sendable {
    private(set) var items: [Item] = []
    private var ends: [Int] = []

    init(_ lists: [[Item]]) {
        items.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        ends.reserveCapacity(lists.count)
        for list in lists {
            items += list
            ends.append(items.count)
        }
    }

    func range(_ i: Int) -> Range<Int> { RawWire.range(i, in: ends) }

    subscript(i: Int) -> ArraySlice<Item> { items[range(i)] }
}

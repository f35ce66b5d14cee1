import Mustache

/// A value of a page's context that goes into the context's hash as what it is made from
/// (`ContextHash.add(any:)`), not as the text it renders to.
protocol HashedByInputs {
    func addInputs(to hash: inout ContextHash)
}

/// An item of a list whose HTML is its own template's rendering, made once and reused by
/// every page that lists it (`PaperItem`, `RelatedItem`, `CoauthorItem`, `AuthorLink`, `TagLink`).
protocol RenderedItem: MustacheParent, Sendable, HashedByInputs {
    var html: String { get }
    /// The link root of the pages that list it.
    var root: String { get }
    var renderer: SiteRenderer { get }
    /// The template and names of an item whose `html` is made afresh each time from them
    /// (`rendered`), which a list of such items fills in whole (`RenderedItems`); nil for an
    /// item whose `html` is kept.
    static var filled: (template: String, names: [String])? { get }
    /// The value of its `filled` name at `place`.
    func value(at place: Int) -> FlatValue
    /// The items' `html`s written onto a page's bytes by the kind of item itself (`PaperItem`);
    /// false when it does not, and they are written one by one.
    static func write(_ items: [Self], into bytes: inout [UInt8]) -> Bool
}

extension RenderedItem {
    static var filled: (template: String, names: [String])? { nil }
    func value(at place: Int) -> FlatValue { .other }
    static func write(_ items: [Self], into bytes: inout [UInt8]) -> Bool { false }

    /// The item's own `template` given its values named `names` (`child(named:)`), `root` and
    /// `ix`: what its `html` is, made once and kept.
    func rendered(_ template: String, names: [String]) -> String {
        // A template of text and plain variables is filled in, with what a render finds.
        if let flat = renderer.templates.flat[template],
           let html = flat.fill({ name in names.contains(name) ? child(named: name) : name == "root" ? root : name == "ix" ? renderer.ix : nil }) {
            return html
        }
        var context: [String: Any] = ["root": root, "ix": renderer.ix]
        for name in names { context[name] = child(named: name) }
        return renderer.templates.render(context, template: template)
    }
}

extension ContextHash {
    /// An author's link as an item gives it: the link root, the author's page and name.
    mutating func add(author: Author, root: String) {
        add(tag: 4, root)
        add(tag: 7, author.id)
        add(tag: 7, author.name)
    }
}

/// A list of items: its items' inputs.
extension Array: HashedByInputs where Element: RenderedItem {
    func addInputs(to hash: inout ContextHash) { hash.add(items: self) }
}

/// A list's items as one piece of HTML, for `{{{paper_items}}}`, `{{{coauthor_items}}}`,
/// `{{{author_links}}}` and `{{{tag_links}}}`:
/// the same bytes as `{{#papers}}{{{html}}}{{/papers}}`, without a section per item. Each
/// item of a section costs swift-mustache a context and a render of its own (~3 µs, however
/// little the item holds): at 10k papers the 166k co-authors of the author pages were a
/// tenth of a build's work, and the lists of papers half as much again.
struct RenderedItems<Item: RenderedItem>: MustacheBytesRenderable, Sendable {
    let items: [Item]

    /// The text `write(into:)` writes (a String for a render into one: the tests', a site's
    /// `{{tag_links}}` escaped).
    var renderText: String {
        var bytes: [UInt8] = []
        write(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The items' text written onto a page's bytes (`MustacheBytes`), never made a String: the
    /// same bytes as `{{#papers}}{{{html}}}{{/papers}}` over them.
    func write(into bytes: inout [UInt8]) {
        if Item.write(items, into: &bytes) { return }
        if let filled = Item.filled, let first = items.first, let flat = first.renderer.templates.flat[filled.template] {
            filledIn(flat.slots(names: filled.names + ["root", "ix"]), names: filled.names.count, into: &bytes)
            return
        }
        for item in items { bytes += item.html.utf8 }
    }

    /// The items filled into their flat template, onto `bytes`, each as its `html` would be
    /// (`rendered`: its `names` first, then `root` and `ix`); an item with a value only a render
    /// shows is its `html`.
    private func filledIn(_ slots: FlatTemplate.Slots, names: Int, into bytes: inout [UInt8]) {
        // (Room made as an append would make it, doubling: an exact reserve for each list of a
        // page would copy the page's bytes for each.)
        let needed = bytes.count + items.count * slots.room
        if bytes.capacity < needed { bytes.reserveCapacity(max(needed, 2 * bytes.capacity)) }
        for item in items {
            let start = bytes.count
            let filled = slots.fill(into: &bytes) { place in
                place < names ? item.value(at: place) : place == names ? .text(item.root) : .text(item.renderer.ix)
            }
            guard !filled else { continue }
            bytes.removeSubrange(start...)
            bytes += item.html.utf8
        }
    }

    var isNull: Bool { items.isEmpty }
}

/// A joined list stands for its items (which the context also holds, for a site's own templates).
extension RenderedItems: HashedByInputs {
    func addInputs(to hash: inout ContextHash) { hash.add(items: items) }
}

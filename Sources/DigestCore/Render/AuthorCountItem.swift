import Foundation
import Mustache

/// An author with a count of papers, as an item of a list: `url`, `name`, `count`, and `html`,
/// its own template's rendering of those. A co-author (papers shared) and an author of the A–Z
/// index (their papers) are such items.
protocol AuthorCountItem: RenderedItem {
    var author: Int { get }
    var count: Int { get }
}

extension AuthorCountItem {
    /// The names its template is given (`child(named:)`), in the order of `value(at:)`.
    static var names: [String] { ["url", "name", "count"] }

    func value(at place: Int) -> FlatValue {
        switch place {
        case 0: return renderer.authorLink(author, root: root)
        case 1: return .text(renderer.model.authors[author].name)
        case 2: return .number(count)
        default: return .absent
        }
    }

    /// Its `names`' values as `value(at:)` gives them (one place says what each is), and `html`.
    func child(named name: String) -> Any? {
        name == "html" ? html : Self.names.firstIndex(of: name).flatMap { value(at: $0).child }
    }

    func addInputs(to hash: inout ContextHash) {
        hash.add(author: renderer.model.authors[author], root: root)
        hash.add(tag: 2, String(count))
    }
}

import Foundation
import Mustache

/// One of an author's co-authors, as `author.mustache` sees them: `url`, `name`, `count` (of
/// papers shared), and `html`, the `coauthor-item` rendering of those, made once per
/// co-author, count and link root and shared by every author page that lists the same.
/// Most counts are 1, so an author's item is made once and reused on each co-author's page.
struct CoauthorItem: RenderedItem {
    let author: Int
    let count: Int
    let root: String
    let renderer: SiteRenderer

    func child(named name: String) -> Any? {
        switch name {
        case "count": return count
        case "html": return html
        default: return renderer.author(name, of: author, root: root)
        }
    }

    var html: String {
        renderer.coauthorItems.value(Key(author: author, count: count, root: root)) {
            rendered("coauthor-item", names: ["url", "name", "count"])
        }
    }

    func addInputs(to hash: inout ContextHash) {
        hash.add(author: renderer.model.authors[author], root: root)
        hash.add(tag: 2, String(count))
    }

    struct Key: Hashable {
        let author: Int
        let count: Int
        let root: String
    }
}

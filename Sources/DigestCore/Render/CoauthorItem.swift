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
        case "url": return renderer.link(root, "authors/\(renderer.model.authors[author].id)/")
        case "name": return renderer.model.authors[author].name
        case "count": return count
        case "html": return html
        default: return nil
        }
    }

    var html: String {
        renderer.coauthorItems.value(Key(author: author, count: count, root: root)) {
            render("coauthor-item", fields: ["url", "name", "count"], root: root, renderer: renderer)
        }
    }

    struct Key: Hashable {
        let author: Int
        let count: Int
        let root: String
    }
}

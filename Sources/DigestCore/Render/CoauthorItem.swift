import Foundation
import Mustache

/// One of an author's co-authors, as `author.mustache` sees them: `count` is of papers shared,
/// and `html` the `coauthor-item` rendering, made once per co-author, count and link root and
/// shared by every author page that lists the same. Most counts are 1, so an author's item is
/// made once and reused on each co-author's page.
struct CoauthorItem: AuthorCountItem {
    let author: Int
    let count: Int
    let root: String
    let renderer: SiteRenderer

    var html: String {
        renderer.coauthorItems.value(Key(author: author, count: count, root: root)) {
            rendered("coauthor-item", names: Self.names)
        }
    }

    struct Key: Hashable {
        let author: Int
        let count: Int
        let root: String
    }
}

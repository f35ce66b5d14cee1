import Mustache

/// One author of the A–Z index, as `authors.mustache` sees them: `count` is of their papers, and
/// `html` the `author-index-item` rendering. Each author is listed once, so the item is made
/// when the page is, not kept.
struct AuthorIndexItem: AuthorCountItem {
    let author: Int
    let count: Int
    let root: String
    let renderer: SiteRenderer

    var html: String { rendered("author-index-item", names: ["url", "name", "count"]) }
}

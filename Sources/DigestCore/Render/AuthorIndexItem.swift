import Mustache

/// One author of the A–Z index, as `authors.mustache` sees them: `count` is of their papers, and
/// `html` the `author-index-item` rendering. Each author is listed once, so the item is made
/// when the page is, not kept; the page's list fills them in whole (`RenderedItems`).
struct AuthorIndexItem: AuthorCountItem {
    let author: Int
    let count: Int
    let root: String
    let renderer: SiteRenderer

    static let template = "author-index-item"
    static var filled: (template: String, names: [String])? { (template, names) }

    var html: String { rendered(Self.template, names: Self.names) }
}

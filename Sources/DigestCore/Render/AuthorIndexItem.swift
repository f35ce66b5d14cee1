import Mustache

/// One author of the A–Z index, as `authors.mustache` sees them: `url`, `name`, `count` (of
/// their papers), and `html`, the `author-index-item` rendering of those. Each author is listed
/// once, so the item is made when the page is, not kept.
struct AuthorIndexItem: RenderedItem {
    let author: Int
    let root: String
    let renderer: SiteRenderer

    func child(named name: String) -> Any? {
        switch name {
        case "count": return renderer.model.authors[author].papers.count
        case "html": return html
        default: return renderer.author(name, of: author, root: root)
        }
    }

    var html: String { rendered("author-index-item", names: ["url", "name", "count"]) }

    func addInputs(to hash: inout ContextHash) {
        hash.add(author: renderer.model.authors[author], root: root)
        hash.add(tag: 2, String(renderer.model.authors[author].papers.count))
    }
}

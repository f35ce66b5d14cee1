import Foundation
import Mustache

/// One author of a paper's byline, as `paper.mustache` sees them: `url`, `name`, `last` (the
/// byline's end: no comma after it), and `html`, the `author-link` rendering of those, made
/// once per author, place and link root and shared by the pages of every paper the author wrote.
/// (As a section, each author was a context and a render of its own in swift-mustache: a fifth
/// of rendering a paper page.)
struct AuthorLink: RenderedItem {
    let author: Int
    let last: Bool
    let root: String
    let renderer: SiteRenderer

    func child(named name: String) -> Any? {
        switch name {
        case "last": return last
        case "html": return html
        default: return renderer.author(name, of: author, root: root)
        }
    }

    var html: String {
        // The author of one paper is named on one page: kept, their link would only take memory
        // (half the authors: 78k of 155k at 100k papers, in each render worker).
        guard renderer.model.authors[author].papers.count > 1 else { return render() }
        return renderer.authorLinks.value(Key(author: author, last: last, root: root)) { render() }
    }

    private func render() -> String { rendered("author-link", names: ["url", "name", "last"]) }

    func addInputs(to hash: inout ContextHash) {
        hash.add(author: renderer.model.authors[author], root: root)
        hash.add(tag: 2, last ? "1" : "0")
    }

    struct Key: Hashable {
        let author: Int
        let last: Bool
        let root: String
    }
}

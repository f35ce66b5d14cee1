import Foundation
import Mustache

/// One of a paper's related papers, as `paper.mustache` sees them: `url`, `title_html`,
/// `byline`, and `html`, the `related-item` rendering of those, made once per paper and link
/// root and shared by the pages of every paper it is related to (five each, on average).
struct RelatedItem: RenderedItem {
    let index: Int
    let root: String
    /// The paper's summary hash (`SiteRenderer.summaryHashes`): what the item is made from.
    let summaryHash: UInt64
    let renderer: SiteRenderer

    func child(named name: String) -> Any? {
        switch name {
        case "url": return renderer.link(root, "papers/\(renderer.model.papers[index].id)/")
        case "title_html": return MathText.inlineHTML(renderer.model.papers[index].title)
        case "byline": return renderer.byline(index)
        case "html": return html
        default: return nil
        }
    }

    var html: String {
        renderer.relatedItems.value(Key(index: index, root: root)) {
            render("related-item", fields: ["url", "title_html", "byline"], root: root, renderer: renderer)
        }
    }

    struct Key: Hashable {
        let index: Int
        let root: String
    }
}

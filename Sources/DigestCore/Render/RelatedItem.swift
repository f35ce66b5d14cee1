import Foundation
import Mustache

/// One of a paper's related papers, as `paper.mustache` sees them: what a list item of the
/// paper holds (`SiteRenderer.summary`: `url`, `title_html`, `byline`, …), and `html`, its
/// `related-item` rendering, made once per paper and link root and shared by the pages of
/// every paper it is related to (five each, on average).
struct RelatedItem: RenderedItem {
    let index: Int
    let root: String
    /// The paper's summary hash (`SiteRenderer.summaryHashes`): what the item is made from.
    let summaryHash: UInt64
    let renderer: SiteRenderer

    func child(named name: String) -> Any? {
        name == "html" ? html : renderer.summaryValue(index, root: root, name)
    }

    var html: String {
        renderer.relatedItems.value(Key(index: index, root: root)) { Self.render(index, root: root, renderer: renderer) }
    }

    /// The `related-item` rendering of paper `index` for pages at `root`.
    static func render(_ index: Int, root: String, renderer: SiteRenderer) -> String {
        renderer.renderItem(index, root: root, template: "related-item")
    }

    func addInputs(to hash: inout ContextHash) { hash.add(summaryHash, root: root) }

    struct Key: Hashable {
        let index: Int
        let root: String
    }
}

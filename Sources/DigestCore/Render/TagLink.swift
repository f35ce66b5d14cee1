import Foundation
import Mustache

/// One tag of a paper, as `paper.mustache` sees them: `id`, `url`, and `html`, the `tag-link`
/// rendering of those, made once per tag and link root and shared by the pages of every paper
/// with the tag.
struct TagLink: RenderedItem {
    let tag: String
    let root: String
    let renderer: SiteRenderer

    func child(named name: String) -> Any? {
        switch name {
        case "id": return tag
        case "url": return renderer.link(root, "tags/\(tag)/")
        case "html": return html
        default: return nil
        }
    }

    var html: String {
        renderer.tagLinks.value(Key(tag: tag, root: root)) { rendered("tag-link", names: ["id", "url"]) }
    }

    func addInputs(to hash: inout ContextHash) {
        hash.add(tag: 4, root)
        hash.add(tag: 7, tag)
    }

    struct Key: Hashable {
        let tag: String
        let root: String
    }
}

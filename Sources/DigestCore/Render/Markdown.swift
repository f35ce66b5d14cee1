import Foundation
import CCmark

/// Markdown to HTML through libcmark's own parser and renderer. Raw HTML in an abstract
/// (`<svg onload=…>`, `</script>`) is turned into text before rendering, so the reader sees
/// what the listing said instead of losing it; and safe mode (cmark's default since 0.29)
/// empties `javascript:`, `vbscript:`, `file:` and most `data:` links. An abstract pasted from
/// anywhere cannot put markup or script on a page.
public enum Markdown {
    public static func html(_ markdown: String) -> String {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
        guard let document = markdown.withCString({ cmark_parse_document($0, strlen($0), options) }) else { return "" }
        defer { cmark_node_free(document) }
        showRawHTMLAsText(in: document)
        guard let rendered = cmark_render_html(document, options) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// Every raw HTML node becomes a text node with the same characters (a block one, a
    /// paragraph of it). Collected first: cmark's iterator must not see its current node freed.
    static func showRawHTMLAsText(in document: OpaquePointer) {
        var raw: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK { raw.append(node) }
        }
        for node in raw {
            var literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let block = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
            if block { while literal.last == "\n" { literal.removeLast() } }
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(text, literal)
            var replacement = text
            if block, let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) {
                cmark_node_append_child(paragraph, text)
                replacement = paragraph
            }
            cmark_node_replace(node, replacement)
            cmark_node_free(node)
        }
    }
}

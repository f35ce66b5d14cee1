import Foundation
import CCmark

/// Markdown to HTML through libcmark's own renderer. Safe mode (cmark's default since 0.29):
/// raw HTML is dropped and `javascript:`, `vbscript:`, `file:` and most `data:` links are
/// emptied, so an abstract pasted from anywhere cannot put markup or script on a page.
public enum Markdown {
    public static func html(_ markdown: String) -> String {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
        guard let rendered = markdown.withCString({ cmark_markdown_to_html($0, strlen($0), options) }) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}

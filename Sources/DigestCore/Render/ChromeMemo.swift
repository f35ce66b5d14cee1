import Foundation

/// What every page wraps its content in — head links, header, footer — rendered once per
/// link root (a site has a handful: `./`, `../`, `../../`, …) instead of once per page, like
/// Hugo's `partialCached`. Each holds over twenty variables, and swift-mustache's cost is per
/// variable (a dynamic cast or five each): a tenth of a build's rendering went into them.
final class ChromeMemo: Sendable {
    /// Template name → the context variable its HTML is handed to the layout in.
    static let parts = [("site-head", "site_head"), ("site-header", "site_header"), ("site-footer", "site_footer")]

    private let byRoot = LockedMemo<String, [(name: String, html: String)]>()

    func html(root: String, renderer: SiteRenderer) -> [(name: String, html: String)] {
        byRoot.value(root) {
            let context = renderer.siteWide(root: root)
            return Self.parts.map { (name: $0.1, html: renderer.templates.render(context, template: $0.0)) }
        }
    }
}

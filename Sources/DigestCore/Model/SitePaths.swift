/// Where things are in a site folder.
public struct SitePaths: Sendable {
    public let root: String
    public init(root: String) { self.root = root }
    public var listings: String { path("content/listings") }
    public var papers: String { path("content/papers") }
    public var templates: String { path("templates") }
    public var output: String { path("public") }

    /// Paths inside the site; relative when the site is the current folder, so messages stay short.
    public func path(_ relative: String) -> String {
        root == "." || root.isEmpty ? relative : (root.hasSuffix("/") ? root : root + "/") + relative
    }
}

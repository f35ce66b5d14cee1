import Foundation

/// Where things are in a site folder.
public struct SitePaths: Sendable {
    public let root: String
    public init(root: String) { self.root = root }
    public var listings: String { path("content/listings") }
    public var papers: String { path("content/papers") }
    public var templates: String { path("templates") }
    public var output: String { path("public") }

    /// Why `root` is no site to build or check: it is not there, or holds neither digest.yml
    /// nor content/ (a mistyped `-C` would otherwise build an empty site, or check nothing and
    /// pass). Nil for a site folder.
    public var notASite: Diagnostic? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.isEmpty ? "." : root, isDirectory: &isFolder), isFolder.boolValue else {
            return Diagnostic(file: root, line: nil, .error, "no such folder")
        }
        if FileManager.default.fileExists(atPath: path(SiteConfig.fileName)) || FileManager.default.fileExists(atPath: path("content")) { return nil }
        return Diagnostic(file: root, line: nil, .error, "not a site folder: it holds neither \(SiteConfig.fileName) nor content/ (digest init makes a site)")
    }

    /// Paths inside the site; relative when the site is the current folder, so messages stay short.
    public func path(_ relative: String) -> String {
        root == "." || root.isEmpty ? relative : (root.hasSuffix("/") ? root : root + "/") + relative
    }
}

import FlyingFox
import Foundation

/// A request path answered from the built site: `index.html` for a folder, a redirect to add
/// the slash a folder's address needs, the site's own 404 page, and content types by extension.
struct SiteFiles: Sendable {
    let root: String

    /// `path` as the request wrote it, percent-decoded, trailing slash kept.
    func response(for path: String) -> HTTPResponse {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else { return notFound() }
        var file = root + "/" + parts.joined(separator: "/")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
            guard path.hasSuffix("/") || path.isEmpty else {
                return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: path + "/"]))
            }
            file += "/index.html"
        }
        guard let data = FileManager.default.contents(atPath: file) else { return notFound() }
        return ok(data, type: Self.contentType(of: file))
    }

    func ok(_ data: Data, type: String, status: HTTPStatusCode = .ok) -> HTTPResponse {
        var body = data
        if type.hasPrefix("text/html"), let html = String(data: data, encoding: .utf8) { body = Data(LiveReload.inject(into: html).utf8) }
        return HTTPResponse(statusCode: status, headers: HTTPHeaders([.contentType: type, .init("Cache-Control"): "no-store"]), body: body)
    }

    func notFound() -> HTTPResponse {
        let page = FileManager.default.contents(atPath: root + "/404.html") ?? Data("Not found\n".utf8)
        return ok(page, type: "text/html; charset=utf-8", status: .notFound)
    }

    static func contentType(of file: String) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        default: return "application/octet-stream"
        }
    }
}

/// A path's folder and name, as `dirname` and `basename` split it — written here because
/// Foundation's `NSString.deletingLastPathComponent` on Linux (Swift 6.3) stops the process
/// with an illegal instruction for a one-letter name without a slash (`digest build -o x`).
/// Bytes, not `NSString`: this runs for every page's path (bridging was 1.5% of a 10k build).
enum FilePath {
    /// The folder `path` is in: "" for a bare name, "/" for a name at the root; slashes at
    /// the end are no part of the name ("out/" is the name "out").
    static func parent(of path: String) -> String {
        let path = trimmed(path)
        guard var end = path.utf8.lastIndex(of: slash) else { return "" }
        while end > path.startIndex && path.utf8[path.utf8.index(before: end)] == slash { end = path.utf8.index(before: end) }
        return end == path.startIndex ? "/" : String(path[..<end])
    }

    /// The last name in `path` ("/" for the root).
    static func name(of path: String) -> String {
        let path = trimmed(path)
        guard path != "/", let last = path.utf8.lastIndex(of: slash) else { return String(path) }
        return String(path[path.utf8.index(after: last)...])
    }

    private static let slash = UInt8(ascii: "/")

    /// Without the slashes at its end, but for the root's.
    private static func trimmed(_ path: String) -> Substring {
        var path = Substring(path)
        while path.utf8.count > 1 && path.utf8.last == slash { path = path.dropLast() }
        return path
    }
}

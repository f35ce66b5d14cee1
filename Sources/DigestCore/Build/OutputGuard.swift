import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether `digest build` may put its site where it was told to. A build replaces its output
/// folder whole (the new site is swapped in and the old one goes to the trash), so a mistyped
/// `-o` that named the site's own folder, its records or a folder of the user's would delete
/// them: such an output is refused before anything is read or written.
enum OutputGuard {
    /// Why `output` may not take the site, or nil when it may: it is not there yet, or is an
    /// empty folder, or holds a site a build wrote (its search manifest is there).
    static func refusal(output: String, site: SitePaths) -> String? {
        let target = resolved(output)
        let root = resolved(site.root)
        if target == root { return "is the site's own folder: a build replaces its output folder whole (the site goes to public/ unless told otherwise)" }
        if holds(target, root) { return "holds the site's folder: a build replaces its output folder whole" }
        let inputs = [(site.path("content"), "the site's content folder (its listings and records)"),
                      (site.templates, "the site's templates folder"), (site.path(SiteConfig.fileName), "the site's settings file")]
        for (input, what) in inputs {
            let folder = resolved(input)
            if holds(folder, target) { return (folder == target ? "is " : "is inside ") + what + ": a build replaces its output folder whole" }
        }
        var info = stat()
        guard stat(output, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFDIR else { return "is a file, not a folder" }
        if isEmpty(output) || access(output + "/" + SearchLayout.manifest, F_OK) == 0 { return nil }
        return "holds files that no build of a site wrote, and a build replaces its output folder whole: name a new or empty folder, or one a build wrote"
    }

    /// Where a build puts the site when `output` is a link (`public -> /var/www/site`): at the
    /// folder it points to, which a build then replaces as it would `output` itself; replacing
    /// the link left the served folder as it was and `public` a folder of its own. Nil when
    /// `output` is no link. A link to nothing yet points where the site is to go.
    static func linkTarget(_ output: String) -> String? {
        var info = stat()
        guard lstat(output, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return nil }
        if let real = realpath(output, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(output, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let target = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let parent = FilePath.parent(of: output)
        return target.hasPrefix("/") || parent.isEmpty ? target : parent + "/" + target
    }

    /// Whether `inner` is `outer` or inside it (both resolved).
    static func holds(_ outer: String, _ inner: String) -> Bool {
        outer == inner || outer == "/" || inner.hasPrefix(outer + "/")
    }

    /// The absolute path `path` names, links followed: the part that exists as the system
    /// resolves it (`realpath`), the rest taken name by name (`.` and `..` as written).
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var head = absolute
        var rest: [String] = []
        while true {
            if let real = realpath(head, nil) {
                defer { free(real) }
                var names = String(cString: real).split(separator: "/").map(String.init)
                for name in rest where name != "." && !name.isEmpty {
                    if name == ".." { _ = names.popLast() } else { names.append(name) }
                }
                return "/" + names.joined(separator: "/")
            }
            let parent = FilePath.parent(of: head)
            guard !parent.isEmpty, parent != head else { return absolute }
            rest.insert(FilePath.name(of: head), at: 0)
            head = parent
        }
    }

    private static func isEmpty(_ folder: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [""]).isEmpty
    }
}

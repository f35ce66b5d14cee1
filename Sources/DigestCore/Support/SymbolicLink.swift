import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Links inside a site's `content/` or `templates/` could point anywhere on the machine (a
/// listing linked to `/etc/passwd` would be published); digest reads none of them.
enum SymbolicLink {
    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    static func diagnostic(_ path: String) -> Diagnostic {
        Diagnostic(file: path, line: nil, .error, "a symbolic link: files of the site must be in the site, links are not followed")
    }
}

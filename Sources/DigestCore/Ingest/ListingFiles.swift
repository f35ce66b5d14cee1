import Foundation

/// Finds the listing files named on the command line, and keeps a copy of each in the
/// site's `content/listings/`, where records point to it as provenance.
enum ListingFiles {
    struct File: Sendable {
        let path: String
        let name: String
    }

    /// Files as given, and the visible files of folders, sorted by name. A listing is kept in
    /// the site under its name, so of two files of one name only the first is read: the second
    /// is named in an error unless it holds the same bytes (the same listing named twice).
    static func expand(_ paths: [String], diagnostics: inout [Diagnostic]) -> [File] {
        var files: [File] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                diagnostics.append(Diagnostic(file: path, line: nil, .error, "no such file or folder"))
                continue
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let before = files.count
                defer {
                    if files.count == before {
                        diagnostics.append(Diagnostic(file: path, line: nil, .warning, "no listing in this folder (the files directly in it are read, not those in its folders)"))
                    }
                }
                for name in names.sorted() where !name.hasPrefix(".") {
                    let full = path + "/" + name
                    if SymbolicLink.isLink(full) {
                        diagnostics.append(SymbolicLink.diagnostic(full))
                        continue
                    }
                    var sub: ObjCBool = false
                    if FileManager.default.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue {
                        files.append(File(path: full, name: name))
                    }
                }
            } else {
                files.append(File(path: path, name: FilePath.name(of: path)))
            }
        }
        var first: [String: File] = [:]
        return files.filter { file in
            guard let kept = first[file.name] else {
                first[file.name] = file
                return true
            }
            if FileBytes.read(kept.path) != FileBytes.read(file.path) {
                diagnostics.append(Diagnostic(file: file.path, line: nil, .error,
                    "another listing named \(file.name) is read already (\(kept.path)), and listings are kept by name; rename one of them"))
            }
            return false
        }
    }

    /// nil when the listing is (now) in the site's listings folder; a diagnostic when another
    /// listing of the same name is there already. `bytes`: the listing as it was read.
    static func keepCopy(of file: File, bytes: [UInt8], in folder: String) -> Diagnostic? {
        let target = folder + "/" + file.name
        let source = URL(fileURLWithPath: file.path).standardizedFileURL.resolvingSymlinksInPath().path
        let kept = URL(fileURLWithPath: target).standardizedFileURL.resolvingSymlinksInPath().path
        if source == kept { return nil }
        if let existing = FileBytes.read(target) {
            return existing == bytes ? nil : Diagnostic(file: file.path, line: nil, .error,
                "a different listing named \(file.name) is already in \(folder); rename one of them")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try AtomicFile.write(bytes, to: target)
            return nil
        } catch {
            return Diagnostic(file: target, line: nil, .error, "\(error)")
        }
    }
}

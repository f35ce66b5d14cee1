#if canImport(Glibc)
import Glibc
#endif

/// The names in the folders of a staging folder that hold many of a rebuild's files directly:
/// the search index's, 81k files in five folders at 100k papers. Each such folder is read once
/// (`readdir`, a few milliseconds) where every file in it was looked up by its path, a system
/// call and a walk of the path each: 0.12–0.15 CPU-s of every rebuild at 100k papers. A page
/// is alone in its folder (`papers/<id>/index.html`), so pages are still looked up one by one.
struct FolderListing: Sendable {
    /// Each folder read (its path, with a slash at the end) and the names in it.
    private let folders: [(path: [UInt8], names: Set<String>)]

    /// A folder holds many files when it holds this many of the paths.
    static let many = 256

    init() { folders = [] }

    /// The folders of `paths` (relative to the open folder `root`) that hold `many` of them
    /// in a row, as a sorted list has them; a folder that cannot be read is left out (its files
    /// are looked up one by one).
    init(of paths: some Collection<String>, in root: Int32) {
        var chosen: [[UInt8]] = [], run: (folder: [UInt8], count: Int) = ([], 0)
        for var path in paths {
            path.withUTF8 { bytes in
                let folder = bytes.lastIndex(of: UInt8(ascii: "/")).map { UnsafeBufferPointer(rebasing: bytes[...$0]) } ?? UnsafeBufferPointer(rebasing: bytes[..<0])
                if folder.elementsEqual(run.folder) {
                    run.count += 1
                } else {
                    run = (Array(folder), 1)
                }
                if run.count == Self.many && !run.folder.isEmpty { chosen.append(run.folder) }
            }
        }
        folders = chosen.compactMap { folder in
            FolderNames.set(String(decoding: folder.dropLast(), as: UTF8.self), in: root).map { (folder, $0) }
        }
    }

    /// Whether the file at `path` is there, when its folder was read (nil: it was not).
    func has(_ path: String) -> Bool? {
        guard !folders.isEmpty else { return nil }
        var path = path
        return path.withUTF8 { bytes -> Bool? in
            for folder in folders where bytes.count > folder.path.count && folder.path.withUnsafeBufferPointer({ bytes.starts(with: $0) }) {
                let name = UnsafeBufferPointer(rebasing: bytes[folder.path.count...])
                guard !name.contains(UInt8(ascii: "/")) else { continue }
                return folder.names.contains(String(decoding: name, as: UTF8.self))
            }
            return nil
        }
    }
}

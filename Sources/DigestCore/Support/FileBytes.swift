import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A whole file read straight into an array. `FileManager.contents` and then `[UInt8](data)`
/// copied the caches of a 100k-paper site twice (173 MB of papers, 21 MB of page hashes):
/// 0.2 s of every rebuild, one core only.
enum FileBytes {
    /// Nil when there is no regular file there or it cannot be read.
    static func read(_ path: String) -> [UInt8]? {
        opened(path) { fd, size in contents(fd, size: size) } ?? nil
    }

    /// A whole file mapped into memory, read-only, its pages mapped up front (`MAP_POPULATE`):
    /// for the caches, which are decoded once and let go. Nil as for `read`; a file that
    /// cannot be mapped is read. (Caches are only ever replaced whole, by a rename, never
    /// written in place, so a mapping stays the file it was.)
    static func mapped(_ path: String) -> WireBytes? {
        opened(path) { fd, size in
            guard size > 0, let start = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), start != MAP_FAILED else {
                return contents(fd, size: size).map { WireBytes(copying: $0) }
            }
            return WireBytes(mapping: UnsafeRawBufferPointer(start: start, count: size))
        } ?? nil
    }

    static func unmap(_ mapping: UnsafeRawBufferPointer) {
        munmap(UnsafeMutableRawPointer(mutating: mapping.baseAddress), mapping.count)
    }

    /// `body` given the file open and its size; nil when there is no regular file there.
    private static func opened<T>(_ path: String, _ body: (Int32, Int) -> T) -> T? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return body(fd, Int(info.st_size))
    }

    /// The `size` bytes of an open file (fewer when it ends sooner); nil when reading fails.
    static func contents(_ fd: Int32, size: Int) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = Glibc.read(fd, buffer.baseAddress! + count, size - count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failed = true }
                if n <= 0 { break }  // an error, or the file cut short while read
                count += n
            }
        }
        return failed ? nil : bytes
    }
}

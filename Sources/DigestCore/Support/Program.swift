/// The running `digest`, known by its executable's bytes: a build's fingerprint and the caches
/// of what another digest may parse, count or make otherwise name it (`CacheFile.ofThisDigest`).
/// By its bytes, not its file's stamp: a CI job that restores its site, `.digest-cache/` and the
/// same digest (cached, or built again to the same bytes) on a fresh machine finds its caches
/// its own, where a new inode and times made every one another digest's. (Hashing the 22 MB
/// executable takes a few milliseconds.)
enum Program {
    static let key: UInt64 = FileBytes.mapped("/proc/self/exe").map { ContextHash.of(bytes: $0.buffer) } ?? 0
}

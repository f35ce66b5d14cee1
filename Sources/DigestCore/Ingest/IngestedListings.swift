import Foundation

/// What ingest last read of each listing, kept in `.digest-cache/ingested/<name>`.
///
/// A listing saved again over itself — a Daily Papers page downloaded later, its upvotes
/// grown; a title's typo put right — is compared with its records: a value a record holds
/// that the listing no longer says was either written by ingest from the listing's old text
/// (to be taken anew) or edited by hand (to be kept). Only the old text tells them apart:
/// without it, the listing's current text is all there is to compare with, and every value
/// it changed looked like a hand edit and was kept, without a word. With it, the old text's
/// entries are the records' base (`Ingest.MergedGroup.base`).
///
/// It is kept only after an ingest without errors, so it is never ahead of the records: a
/// record that holds the new value already keeps it either way. A site without it (a fresh
/// clone, `.digest-cache` deleted) compares with the current text, as before.
enum IngestedListings {
    static func folder(_ site: SitePaths) -> String { site.path(".digest-cache/ingested") }

    static func file(_ site: SitePaths, name: String) -> ListingFiles.File {
        ListingFiles.File(path: folder(site) + "/" + name, name: name)
    }

    /// What is kept of the listing beside its text now (`digest`): `previous`, the text kept
    /// when it differs; `stale`, whether this ingest's text is to be kept.
    static func compare(_ site: SitePaths, name: String, digest: UInt64) -> (previous: ListingFiles.File?, stale: Bool) {
        let kept = file(site, name: name)
        guard let bytes = FileBytes.read(kept.path) else { return (nil, true) }
        return IngestCache.digest(of: bytes) == digest ? (nil, false) : (kept, true)
    }

    /// Keeps what this ingest read of listings (`bytes`, by name).
    static func keep(_ site: SitePaths, _ read: [(name: String, bytes: [UInt8])]) {
        guard !read.isEmpty else { return }
        try? FileManager.default.createDirectory(atPath: folder(site), withIntermediateDirectories: true)
        for (name, bytes) in read { try? AtomicFile.write(bytes, to: file(site, name: name).path) }
    }
}

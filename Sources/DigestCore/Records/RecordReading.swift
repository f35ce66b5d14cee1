import Foundation

/// How a record stands against what a cache kept of it (the paper cache's paper, the record
/// index's entry), with the stamp and the bytes' hash its file had then: its stamp the same,
/// it is not read; a new stamp, it is read and hashed, and parsed only when its bytes changed —
/// a record touched, checked out again, or copied with the site (a CI job's fresh clone) is
/// known by its bytes.
enum RecordReading<Kept> {
    /// The stamp kept: the file is not read (`file`, its bytes' hash then).
    case asKept(Kept, file: UInt64)
    /// Read under a new stamp, with the bytes kept (`file`, their hash): not parsed.
    case sameBytes(Kept, file: UInt64)
    /// Read and parsed (values as text), or what is wrong with it; `file`, its bytes' hash
    /// (nil when they could not be read).
    case parsed(Result<Record, Diagnostic>, file: UInt64?)
}

extension RecordStore {
    /// A record file's bytes, hashed.
    static func fileKey(_ bytes: some Sequence<UInt8>) -> UInt64 { ContextHash.of(bytes: bytes) }

    /// Record `id`, whose file has `stamp` now, against what a cache `kept` of it. Bytes found
    /// the same are taken only under a stamp (to be kept under it).
    func reading<Kept>(id: String, stamp: FileStamp?, kept: (value: Kept, stamp: FileStamp, file: UInt64)?) -> RecordReading<Kept> {
        if let stamp, let kept, kept.stamp == stamp { return .asKept(kept.value, file: kept.file) }
        switch file(id: id) {
        case .failure(let diagnostic): return .parsed(.failure(diagnostic), file: nil)
        case .success(let bytes):
            let file = Self.fileKey(bytes)
            if stamp != nil, let kept, kept.file == file { return .sameBytes(kept.value, file: file) }
            // Values as text (Yams' basic resolver): no regular expression per scalar.
            return .parsed(record(id: id, file: bytes, valuesAsText: true), file: file)
        }
    }
}

/// A listing renamed in `content/listings/` (`003_4c0baf77e4312006.txt` to `reading-group.txt`,
/// names a person can read) was a new listing to ingest: its papers' records kept the old name
/// in their sources beside the new one, so the site showed both source pages, and took none of
/// the renamed listing's values (what ingest had derived was known only under the old name).
///
/// A listing the records name that is gone from disk and not read now, and a listing read now
/// that no record names yet, are one listing renamed when every record naming the old one is
/// the same paper as an entry of the new one — and of no other such listing. Its records'
/// sources are then renamed before anything else is made of them.
struct ListingRenames {
    /// New name by old.
    let newName: [String: String]

    var isEmpty: Bool { newName.isEmpty }

    /// `gone`: listings records name, neither on disk nor read now; `new`: listings read now
    /// that no record names. `namedBy`: how many records name each listing (all of them, not
    /// only those read). `groups` hold candidates (`candidateListing`: the listing of an input
    /// entry, nil for a reference) then records (`recordListings`, from `candidateCount` on).
    static func find(gone: Set<String>, new: Set<String>, namedBy: [String: Int], groups: [[Int]], candidateCount: Int,
                     candidateListing: (Int) -> String?, recordListings: (Int) -> [String]) -> ListingRenames {
        guard !gone.isEmpty, !new.isEmpty else { return ListingRenames(newName: [:]) }
        // For each gone listing, the new listings each of its records is matched in; a record
        // is counted once for a listing (two of its papers in one group would not be two).
        var matched: [String: [Set<String>]] = [:]
        for group in groups {
            let newHere = Set(group.filter { $0 < candidateCount }.compactMap(candidateListing).filter(new.contains))
            for m in group where m >= candidateCount {
                for old in Set(recordListings(m - candidateCount)) where gone.contains(old) { matched[old, default: []].append(newHere) }
            }
        }
        var newName: [String: String] = [:]
        for (old, records) in matched where records.count == namedBy[old] {
            let common = records.dropFirst().reduce(records[0]) { $0.intersection($1) }
            if common.count == 1 { newName[old] = common.first! }
        }
        // A new listing taken for two old ones is neither's.
        let taken = Dictionary(grouping: newName.values, by: { $0 }).filter { $0.value.count > 1 }.keys
        return ListingRenames(newName: newName.filter { !taken.contains($0.value) })
    }

    /// The record with its sources renamed; nil when it names no renamed listing.
    func renamed(_ record: Record) -> Record? {
        let sources = RecordFields.sourceRefs(in: record)
        guard sources.contains(where: { newName[$0.listing] != nil }) else { return nil }
        var record = record
        let moved = sources.map { SourceRef(listing: newName[$0.listing] ?? $0.listing, line: $0.line) }
        RecordFields.set("sources", RecordFields.sources(Array(Set(moved)).sorted()), in: &record)
        return record
    }
}

/// The records with their files' stamps, as a build takes them (`RecordStore.stampedIDs`),
/// kept between builds by a caller told of every change to the records' folder: `digest serve`,
/// told by the kernel. Each rebuild then stats the records that changed, not the 100k of a large
/// site (a walk of each name in a crowded folder, and a sort of the names: 0.15 CPU-s of every
/// rebuild at 100k papers).
public struct RecordStamps: Sendable {
    let folder: String
    /// In the records' order (`RecordStore.inOrder`).
    private(set) var records: [(id: String, stamp: FileStamp?)]

    /// Every record of the site's records' folder, stamped now.
    public init(siteFolder: String) {
        self.init(folder: SitePaths(root: siteFolder).papers)
    }

    private init(folder: String) {
        (self.folder, records) = (folder, RecordStore(folder: folder).stampedIDs())
    }

    /// The stamps with the files `names` of the records' folder (each a name in it, as the
    /// kernel told it) stamped again: a record gone taken out, a new one put in its place. A
    /// name that is not a record's (`.md`, not hidden, as `stampedIDs` takes them) is passed over.
    /// (Many names — a branch checked out, a folder of records copied in — are stamped as every
    /// record is: each put in or taken out of the array moves the records after it.)
    public func updated(_ names: some Sequence<String>) -> RecordStamps {
        let names = Set(names)
        guard names.count <= max(256, records.count / 64) else { return RecordStamps(folder: folder) }
        var copy = self
        let store = RecordStore(folder: folder)
        for name in names where name.count > RecordStore.ending.count && !name.hasPrefix(".") && name.hasSuffix(RecordStore.ending) {
            let id = String(name.dropLast(RecordStore.ending.count))
            // (The first place not before it: its own when it is there.)
            var (low, high) = (0, copy.records.count)
            while low < high {
                let mid = (low + high) / 2
                if RecordStore.inOrder(copy.records[mid].id, id) { low = mid + 1 } else { high = mid }
            }
            let there = low < copy.records.count && copy.records[low].id == id
            switch (FileStamp(path: store.path(for: id)), there) {
            case (let stamp?, true): copy.records[low].stamp = stamp
            case (let stamp?, false): copy.records.insert((id, stamp), at: low)
            case (nil, true): copy.records.remove(at: low)
            case (nil, false): break
            }
        }
        return copy
    }
}

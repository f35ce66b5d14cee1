import Foundation
import Testing
@testable import DigestCore
@testable import DigestServe

/// What `digest serve` builds for: the changes to listings, records, templates and
/// `digest.yml`, told once each and nothing else — told by the kernel, and polled where it
/// cannot tell.
@Suite final class SiteWatcherTests {
    /// A site folder with one listing and two records, made for each test and removed after it.
    private let root = NSTemporaryDirectory() + "digest-watch-" + UUID().uuidString

    init() throws {
        for folder in ["content/listings", "content/papers", "public"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["content/listings/a.txt", "content/papers/a.md", "content/papers/b.md", "digest.yml"] {
            try Self.write(file, "first\n", in: root)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// A watcher on the site (polling or not).
    private func watcher(polling: Bool = false) -> SiteWatcher {
        SiteWatcher(root: root, polling: polling)
    }

    private static func write(_ file: String, _ text: String, in root: String) throws {
        try text.write(toFile: root + "/" + file, atomically: false, encoding: .utf8)
    }

    /// What the watcher has once the kernel has told it (its events come at once, but a look
    /// right after a write may run before them: a few looks, as serve's ticks make).
    private static func changes(_ watcher: SiteWatcher) -> [String] {
        for _ in 0..<20 {
            if watcher.look() { break }
            usleep(10_000)
        }
        while watcher.look() { usleep(10_000) }
        return watcher.take()
    }

    @Test(arguments: [false, true])
    func anEditedRecordIsToldAlone(polling: Bool) throws {
        let watcher = watcher(polling: polling)
        try Self.write("content/papers/a.md", "second, longer\n", in: root)
        #expect(Self.changes(watcher) == ["content/papers/a.md"])
        #expect(watcher.take() == [])
    }

    @Test func nothingChangedTellsNothing() throws {
        let watcher = watcher()
        usleep(50_000)
        #expect(!watcher.look())
        #expect(watcher.take() == [])
    }

    /// `sed -i` and many editors write a file beside the record and rename it over the record:
    /// the record changed, the file beside it came and went.
    @Test func aFileWrittenBesideAndRenamedOverTellsTheRecordOnly() throws {
        let watcher = watcher()
        try Self.write("content/papers/sedX1y2z3", "second\n", in: root)
        #expect(rename(root + "/content/papers/sedX1y2z3", root + "/content/papers/b.md") == 0)
        #expect(Self.changes(watcher) == ["content/papers/b.md"])
    }

    /// A record deleted, then a file made in its place and gone again before they were taken:
    /// the record is still gone.
    @Test func aRecordDeletedThenMadeAndGoneAgainIsTold() throws {
        let watcher = watcher()
        try FileManager.default.removeItem(atPath: root + "/content/papers/a.md")
        try Self.write("content/papers/a.md", "again\n", in: root)
        try FileManager.default.removeItem(atPath: root + "/content/papers/a.md")
        #expect(Self.changes(watcher) == ["content/papers/a.md"])
    }

    @Test func aDeletedRecordAndANewListingAreTold() throws {
        let watcher = watcher()
        try FileManager.default.removeItem(atPath: root + "/content/papers/a.md")
        try Self.write("content/listings/b.txt", "new\n", in: root)
        let changed = Self.changes(watcher)
        #expect(changed == ["content/listings/b.txt", "content/papers/a.md"])
        #expect(SiteWatcher.needsIngest(changed))
        #expect(!SiteWatcher.needsIngest(["content/papers/a.md", "templates/paper.mustache"]))
    }

    /// The build's output, the caches and other files of the site are not watched.
    @Test func filesOutsideTheWatchedOnesAreNotTold() throws {
        let watcher = watcher()
        try FileManager.default.createDirectory(atPath: root + "/.digest-cache/serve", withIntermediateDirectories: true)
        for file in ["public/index.html", ".digest-cache/serve/index.html", "content/notes.txt", "README.md"] {
            try Self.write(file, "x\n", in: root)
        }
        try Self.write("digest.yml", "title: changed\n", in: root)
        #expect(Self.changes(watcher) == ["digest.yml"])
    }

    /// `templates/` made after serve started (the first template written): its files are told
    /// from then on, and those written into it before its watch was set are told too.
    @Test func aFolderMadeAfterTheStartIsWatched() throws {
        let watcher = watcher()
        try FileManager.default.createDirectory(atPath: root + "/templates/partials", withIntermediateDirectories: true)
        try Self.write("templates/partials/head.mustache", "<head>\n", in: root)
        #expect(Self.changes(watcher).contains("templates/partials/head.mustache"))
        try Self.write("templates/paper.mustache", "{{title}}\n", in: root)
        try Self.write("templates/partials/head.mustache", "<head></head>\n", in: root)
        #expect(Self.changes(watcher) == ["templates/paper.mustache", "templates/partials/head.mustache"])
    }

    /// A folder of records moved in is told with every record in it; moved out, its records'
    /// later changes are not told under the path it had.
    @Test func aFolderMovedInIsToldWithItsFilesAndNotAfterItMovedOut() throws {
        let watcher = watcher()
        let outside = root + "/elsewhere"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Self.write("elsewhere/c.md", "c\n", in: root)
        #expect(rename(outside, root + "/content/papers/more") == 0)
        #expect(Self.changes(watcher) == ["content/papers/more", "content/papers/more/c.md"])
        #expect(rename(root + "/content/papers/more", outside) == 0)
        #expect(Self.changes(watcher) == ["content/papers/more"])
        try Self.write("elsewhere/c.md", "c again\n", in: root)
        #expect(Self.changes(watcher) == [])
    }

    /// The records' stamps kept from what the watcher told: a record's change stamps it again;
    /// the records' folder itself changed (moved, or events lost) stamps every record.
    @Test func theRecordsStampsFollowWhatChanged() throws {
        let kept = RecordStamps(siteFolder: root)
        try Self.write("content/papers/c.md", "new\n", in: root)
        try FileManager.default.removeItem(atPath: root + "/content/papers/a.md")
        let told = SiteWatcher.records(kept, after: ["content/papers/a.md", "content/papers/c.md", "content/papers/more/d.md", "templates/x.mustache"], siteFolder: root)
        #expect(told.records.map(\.id) == ["b", "c"])
        try Self.write("content/papers/e.md", "new\n", in: root)
        #expect(SiteWatcher.records(told, after: ["content/papers/b.md"], siteFolder: root).records.map(\.id) == ["b", "c"])
        #expect(SiteWatcher.records(told, after: ["content/papers"], siteFolder: root).records.map(\.id) == ["b", "c", "e"])
    }
}

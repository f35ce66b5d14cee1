import Foundation
import Testing
@testable import DigestCore

/// A rebuild reads the staging folder's folders that hold many of its files whole, rather than
/// looking each file up (`FolderListing`), and still finds a file deleted by hand.
@Suite struct FolderListingTests {
    /// A site's folder with `count` term buckets in `search/t` and a page of its own, and the
    /// buckets' paths in order.
    func site(buckets count: Int) throws -> (folder: String, paths: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("listing-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/search/t", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/papers/a", withIntermediateDirectories: true)
        try Data("page".utf8).write(to: URL(fileURLWithPath: folder + "/papers/a/index.html"))
        let paths = (0..<count).map { "search/t/\($0).json" }.sorted()
        for path in paths { try Data(path.utf8).write(to: URL(fileURLWithPath: folder + "/" + path)) }
        return (folder, paths)
    }

    func opened(_ folder: String) -> Int32 { open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }

    /// The listing `of` makes of a site of many buckets whose eighth was deleted since, given
    /// the buckets' paths.
    func listingWithoutTheEighth(of list: ([String]) -> [String]) throws -> (listing: FolderListing, paths: [String]) {
        let (folder, paths) = try site(buckets: FolderListing.many + 4)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.removeItem(atPath: folder + "/" + paths[7])
        let root = opened(folder)
        defer { close(root) }
        return (FolderListing(of: list(paths), in: root), paths)
    }

    @Test func aFolderOfManyIsReadAndAnswersForItsFiles() throws {
        let (listing, paths) = try listingWithoutTheEighth { $0 + ["papers/a/index.html", "search/t/deeper/1.json"] }
        #expect(listing.has(at: 0) == true)
        #expect(listing.has(at: 7) == false)  // deleted since
        #expect(listing.has(at: paths.count) == nil)  // a folder of one: looked up
        #expect(listing.has(at: paths.count + 1) == nil)  // in a folder below a listed one
    }

    /// A path listed twice (no build writes one) is answered for at both places, and the
    /// paths after it at theirs.
    @Test func aPathListedTwiceLeavesTheOthersInTheirPlaces() throws {
        let (listing, _) = try listingWithoutTheEighth { [$0[0]] + $0 }
        #expect(listing.has(at: 0) == true && listing.has(at: 1) == true)
        #expect(listing.has(at: 8) == false)  // paths[7], deleted
        #expect(listing.has(at: 9) == true)
    }

    @Test func aFolderOfFewIsNotRead() throws {
        let (folder, paths) = try site(buckets: FolderListing.many - 1)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = opened(folder)
        defer { close(root) }
        #expect(FolderListing(of: paths, in: root).has(at: 0) == nil)
    }

    /// The reused staging folder lost a bucket by hand: keeping it links it from the current site.
    @Test func aFileDeletedFromAListedFolderIsLinkedFromTheCurrentSite() throws {
        let (current, paths) = try site(buckets: FolderListing.many + 4)
        let (staging, _) = try site(buckets: FolderListing.many + 4)
        defer { for folder in [current, staging] { try? FileManager.default.removeItem(atPath: folder) } }
        try FileManager.default.removeItem(atPath: staging + "/" + paths[3])
        let site = SiteStaging(current: current, staging: staging, reused: true, stale: [], outputs: paths)
        for (place, path) in paths.enumerated() { #expect(site.keep(path, output: place)) }
        #expect(FileManager.default.fileExists(atPath: staging + "/" + paths[3]))
        let inode = { (path: String) in (try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.uint64Value }
        #expect(try inode(staging + "/" + paths[3]) == inode(current + "/" + paths[3]))  // linked, not made
        #expect(try inode(staging + "/" + paths[4]) != inode(current + "/" + paths[4]))  // kept as it was
    }

    /// A build that finds nothing changed still finds a bucket deleted from the site by hand.
    @Test func theSiteDoesNotHoldAFileDeletedFromAListedFolder() throws {
        let (folder, paths) = try site(buckets: FolderListing.many + 4)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let all = paths + ["papers/a/index.html"]
        #expect(OutputFolder(target: folder).holds(all))
        try FileManager.default.removeItem(atPath: folder + "/" + paths[5])
        #expect(!OutputFolder(target: folder).holds(all))
    }
}

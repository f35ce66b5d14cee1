import Foundation
import Testing
@testable import DigestCore

/// List items a build keeps in `.digest-cache/items.bin` (`ItemsCache`): taken by a rebuild
/// where made from the same (the hash of their inputs), under the same build fingerprint.
@Suite struct ItemsCacheTests {
    static func renderer() throws -> SiteRenderer {
        SiteRenderer(model: SearchTests.sample, templates: try TemplateSet.load(siteTemplates: "/nonexistent").get(),
                     linkStyle: .pretty, katex: true, baseURL: "https://example.org/d/").prepared(renderAll: false)
    }

    static func path() throws -> String {
        let folder = Fixtures.scratch("items")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/items.bin"
    }

    /// Items written are read back by their hash, under the fingerprint they were written
    /// with; not under another, nor for a hash not written.
    @Test func itemsAreKeptByHashUnderTheirFingerprint() throws {
        let path = try Self.path()
        ItemsCache.write([(hash: 7, html: "<li>seven</li>"), (hash: 3, html: "<li>three – é</li>")], fingerprint: "f1", to: path)
        let kept = try #require(ItemsCache.read(path, fingerprint: "f1"))
        #expect(kept.item(3) == "<li>three – é</li>")
        #expect(kept.item(7) == "<li>seven</li>")
        #expect(kept.item(5) == nil && !kept.has(5) && kept.has(7))
        #expect(ItemsCache.read(path, fingerprint: "f2") == nil)
    }

    /// Items written in runs of a few bytes (each run at least one item, most several) are
    /// read back as written, and the file is the one a single run writes.
    @Test func itemsWrittenInRunsAreTheItemsWrittenAtOnce() throws {
        let path = try Self.path()
        let items = (0..<40).map { (hash: UInt64($0 * 7919 % 97), html: "<li>item \($0)" + String(repeating: "é", count: $0 % 9) + "</li>") }
        ItemsCache.write(items, fingerprint: "f", to: path, runBytes: 1 << 20)
        let whole = try #require(FileManager.default.contents(atPath: path))
        ItemsCache.write(items, fingerprint: "f", to: path, runBytes: 30)
        #expect(FileManager.default.contents(atPath: path) == whole)
        let kept = try #require(ItemsCache.read(path, fingerprint: "f"))
        for item in items { #expect(kept.item(item.hash) == item.html) }
    }

    /// A paper whose inputs' hash is kept gets the kept item, not one made; the others are
    /// made at once, as without a cache; and what the next build should keep holds both.
    @Test func aKeptItemIsTakenAndTheOthersMade() throws {
        let renderer = try Self.renderer()
        let path = try Self.path()
        let hash = renderer.summaryHashes[0]
        ItemsCache.write([(hash: hash, html: "<li>kept</li>")], fingerprint: "f", to: path)
        #expect(renderer.items.keep(ItemsCache.read(path, fingerprint: "f"), renderer: renderer) == SearchTests.sample.papers.count - 1)
        #expect(renderer.items.item(0, renderer: renderer) == "<li>kept</li>")
        #expect(renderer.items.item(1, renderer: renderer) == renderer.markedItem(1))
        let toKeep = renderer.items.toKeep(renderer)
        #expect(toKeep.count == SearchTests.sample.papers.count)
        #expect(toKeep.first { $0.hash == hash }?.html == "<li>kept</li>")
        #expect(toKeep.first { $0.hash == renderer.summaryHashes[2] }?.html == renderer.markedItem(2))
    }
}

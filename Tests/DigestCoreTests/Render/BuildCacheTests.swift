import Foundation
import Testing
@testable import DigestCore

@Suite struct BuildCacheTests {
    /// What `save` writes, `load` reads back: hashes as hex digits (`String(_, radix: 16)`'s),
    /// the previous site and its stale paths.
    @Test func aSavedCacheLoadsAsItWas() throws {
        let path = NSTemporaryDirectory() + "digest-cache-\(UUID().uuidString)/build.tsv"
        let hashes: [String: UInt64] = ["index.html": 0, "a/b/index.html": 1, "feed.xml": 0xabc, "sitemap.xml": .max, "é/ü.html": 0x1000]
        let cache = BuildCache(fingerprint: "f00", output: "/site/public", inputs: "1234", report: nil, hashes: hashes,
                               previous: "beef", stale: ["gone.html", "a/b/index.html"])
        try cache.save(path)
        #expect(BuildCache.load(path) == cache)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for (key, hash) in hashes { #expect(lines.contains("\(String(hash, radix: 16))\t\(key)"), "\(key)") }
        #expect(lines.contains("-\tgone.html") && lines[5] == "beef")
    }
}

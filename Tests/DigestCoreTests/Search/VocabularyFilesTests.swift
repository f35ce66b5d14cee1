import Foundation
import Testing
@testable import DigestCore

/// The prefix and suffix files list their words in String order, which the sort takes from
/// each word's first eight bytes where they are ASCII (`SortHead`) and from the words
/// themselves where they are not.
@Suite struct VocabularyFilesTests {
    /// The words of one vocabulary file, in its order.
    func words(_ path: String, in files: [(path: String, bytes: [UInt8])]) throws -> [String] {
        let bytes = try #require(files.first { $0.path == path }?.bytes)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [[Any]])
        return list.compactMap { $0.first as? String }
    }

    @Test func wordsAreListedInStringOrder() throws {
        // ASCII heads that differ, heads alike past eight bytes, and words that are not ASCII,
        // one of them not in composed form (its order is the composed one's).
        let names = ["modelling", "model", "modelingx", "modelingb", "modèle", "mode\u{300}les", "modal", "mod", "modest", "model pair"]
        var files: [(path: String, bytes: [UInt8])] = []
        SearchIndexBuilder.vocabularyFiles(names: names, df: names.map { _ in 1 }, into: &files)
        let listed = try words(SearchLayout.prefixFile("mod"), in: files)
        #expect(listed == names.filter { !$0.contains(" ") }.sorted())
        #expect(listed.first == "mod" && listed.contains("modèle") && !listed.contains("model pair"))
    }

    /// A word's prefix and suffix keys are its first and last scalars, not characters: a
    /// combining mark counts as one, as the search page's script counts it.
    @Test func keysAreCutByScalars() {
        #expect(SearchLayout.prefixKey("e\u{301}tude") == "e\u{301}t")
        #expect(SearchLayout.prefixKey("e\u{301}t") == "e\u{301}t" && SearchLayout.prefixKey("x") == nil)
        #expect(SearchLayout.suffixKey("mode\u{300}les") == "les" && SearchLayout.suffixKey("cafe\u{301}") == "fe\u{301}")
        #expect(SearchLayout.suffixKey("abc") == nil && SearchLayout.leading(2, of: "\u{1F600}ab") == "\u{1F600}a")
        #expect(SearchLayout.leading(5, of: "ab") == "ab")
    }
}

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

    /// The words of the sample's listings (a word's count of papers: how many times it is
    /// there), and a few that are not ASCII, one in two forms.
    static let sampleWords: (names: [String], df: [Int32]) = {
        var counts: [String: Int32] = [:]
        for name in Fixtures.all {
            let text = String(decoding: Fixtures.bytes(name), as: UTF8.self).lowercased()
            for word in text.split(whereSeparator: { !$0.isLetter }) where word.count > 1 { counts[String(word), default: 0] += 1 }
        }
        for word in ["modèle", "mode\u{300}les", "étude", "e\u{301}tude", "\u{1F600}ab", "naïve"] { counts[word, default: 0] += 1 }
        counts["model pair"] = 2
        let names = counts.keys.sorted()
        return (names, names.map { counts[$0]! })
    }()

    /// Every file as the search page reads it, by path: its words and counts.
    func decoded(_ files: [(path: String, bytes: [UInt8])]) throws -> [String: [[String: Int]]] {
        var all: [String: [[String: Int]]] = [:]
        for file in files {
            let list = try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [[Any]])
            all[file.path] = list.map { [$0[0] as! String: $0[1] as! Int] }
        }
        return all
    }

    /// The files made whole are what `SearchLayout`'s keys say: each word under its first three
    /// scalars, its first two (the commonest 64, then in String order) and its last three.
    @Test func theFilesAreTheWordsUnderEachKey() throws {
        let (names, df) = Self.sampleWords
        var expected: [String: [(word: String, df: Int)]] = [:]
        var short: [String: [(word: String, df: Int)]] = [:]
        for (word, count) in zip(names, df) where !word.contains(" ") {
            if let key = SearchLayout.prefixKey(word) {
                if key.unicodeScalars.count == 3 { expected[SearchLayout.prefixFile(key), default: []].append((word, Int(count))) }
                short[SearchLayout.prefixFile(SearchLayout.leading(2, of: word)), default: []].append((word, Int(count)))
            }
            if let key = SearchLayout.suffixKey(word) { expected[SearchLayout.suffixFile(key), default: []].append((word, Int(count))) }
        }
        for (path, words) in short {
            let commonest = words.sorted { $0.df != $1.df ? $0.df > $1.df : $0.word < $1.word }.prefix(SearchLayout.shortPrefixWords)
            expected[path] = Array(commonest)
        }
        var files: [(path: String, bytes: [UInt8])] = []
        SearchIndexBuilder.vocabularyFiles(names: names, df: df, into: &files)
        let made = try decoded(files)
        #expect(files.count == expected.count && made.count == files.count)
        for (path, words) in expected {
            #expect(made[path] == words.sorted { $0.word < $1.word }.map { [$0.word: $0.df] }, "\(path)")
        }
        #expect(short.values.contains { $0.count > SearchLayout.shortPrefixWords })  // (a list cut)
    }

    /// A rebuild makes the files of the words whose counts moved, came or went, and takes the
    /// others' paths alone: those made are as a whole make gives them, and the ones taken are
    /// the same in both.
    @Test func onlyTheFilesOfChangedWordsAreMade() throws {
        let (names, df) = Self.sampleWords
        var before: [(path: String, bytes: [UInt8])] = []
        SearchIndexBuilder.vocabularyFiles(names: names, df: df, into: &before)
        // One word gone, one new, one count moved (a common one, whose short list may reorder).
        let gone = try #require(names.first { $0.hasPrefix("tra") && $0.count > 5 })
        let moved = try #require(zip(names, df).max { $0.1 < $1.1 }?.0)
        var now = Dictionary(uniqueKeysWithValues: zip(names, df))
        now[gone] = nil
        now["zyxwvu"] = 1
        now[moved]! += 1
        let (newNames, newDF) = (now.keys.sorted(), now.keys.sorted().map { now[$0]! })
        var whole: [(path: String, bytes: [UInt8])] = []
        SearchIndexBuilder.vocabularyFiles(names: newNames, df: newDF, into: &whole)
        var made: [(path: String, bytes: [UInt8])] = [], taken: [(path: String, bytes: [UInt8]?)] = []
        SearchIndexBuilder.vocabularyFiles(names: newNames, df: newDF, changed: [gone, "zyxwvu", moved], into: &made, taken: &taken)
        let wholeByPath = Dictionary(uniqueKeysWithValues: whole.map { ($0.path, $0.bytes) })
        let beforeByPath = Dictionary(uniqueKeysWithValues: before.map { ($0.path, $0.bytes) })
        #expect(Set(made.map(\.path) + taken.map(\.path)) == Set(wholeByPath.keys) && made.count + taken.count == whole.count)
        #expect(made.count < 10 && made.contains { $0.path == SearchLayout.prefixFile("zyx") })
        for file in made { #expect(wholeByPath[file.path] == file.bytes) }
        for file in taken { #expect(file.bytes == nil && beforeByPath[file.path] == wholeByPath[file.path], "\(file.path)") }
        #expect(taken.map(\.path) == taken.map(\.path).sorted())
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

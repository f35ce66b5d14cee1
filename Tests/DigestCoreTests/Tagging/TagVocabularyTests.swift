import Foundation
import Testing
@testable import DigestCore

@Suite struct TagVocabularyTests {
    /// Walking the text's words through the phrases' prefixes finds exactly the phrases a
    /// whole-word search for each phrase finds, on every title and abstract of the real listings.
    @Test(arguments: Fixtures.all)
    func phraseWalkFindsWhatAWholeWordSearchFinds(name: String) {
        let vocabulary = TagVocabulary.standard
        let names = vocabulary.prefixes.names()
        let phrases = Set(vocabulary.entries.flatMap(\.phrases))
        var texts = 0
        for entry in Fixtures.parse(name).entries {
            for text in [entry.title ?? "", entry.abstract] where !text.isEmpty {
                let padded = " " + TextNormalization.identityKey(text) + " "
                let searched = phrases.filter { padded.contains(" " + $0 + " ") }
                let walked = Set(vocabulary.phrases(in: text).map { names[Int($0)] })
                #expect(walked == searched, "\(name): \(text.prefix(60))")
                texts += 1
            }
        }
        #expect(texts >= 10)
    }

    /// A phrase that starts inside another phrase's prefix, and phrases that are prefixes of
    /// longer ones, are all found.
    @Test func overlappingPhrases() {
        let vocabulary = TagVocabulary(entries: [(tag: "a", phrases: ["x y z"]), (tag: "b", phrases: ["x y"]), (tag: "c", phrases: ["y"])])
        let names = vocabulary.prefixes.names()
        #expect(Set(vocabulary.phrases(in: "X, x-Y z!").map { names[Int($0)] }) == ["x y", "x y z", "y"])
        #expect(vocabulary.phrases(in: "x q z").isEmpty)
    }

    /// Title phrases score 3 and abstract phrases 1; tags reaching 3 are kept (at most 4),
    /// else the best one alone.
    @Test func scoring() {
        let vocabulary = TagVocabulary.standard
        #expect(vocabulary.tags(title: "Direct Preference Optimization for Large Language Models", abstract: "")
                == ["llm", "optimization", "rlhf"])
        #expect(vocabulary.tags(title: "A Note", abstract: "We study speech.") == ["speech-audio"])
        #expect(vocabulary.tags(title: "A Note", abstract: "Nothing here.") == [])
    }
}

extension TagVocabulary {
    /// The phrases (by prefix id) `forEachPhrase` finds in a text, as a set.
    func phrases(in text: String) -> Set<Int32> {
        var phrases = Set<Int32>()
        forEachPhrase(inKey: TextNormalization.identityKey(text)) { phrases.insert($0) }
        return phrases
    }
}

import Yams

extension Node.Mapping {
    /// `self[word]` for a key that Yams' resolvers all read as text (`listing`, `line`): the
    /// value of the last pair whose key is that text with a `str` tag. Yams' subscript makes a
    /// probe node with a tag of its own for every lookup and resolves it — with the default
    /// resolver, by regular expressions — to compare it with each key: a tenth of reading a
    /// record's sources in every build. Under the same resolvers the probe's tag is `str`, so a
    /// key equals it when its text is the word and its own tag is `str`, as compared here.
    func value(forWord word: String) -> Node? {
        var last: Node?
        for pair in self where pair.key.string == word && pair.key.tag == YAMLTags.str { last = pair.value }
        return last
    }
}

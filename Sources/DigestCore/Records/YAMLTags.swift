import Yams

/// Tags for the YAML nodes digest makes, and the constructor for the records it reads. Yams'
/// `Tag(_:)` builds its default constructor (three dictionaries of closures) for every node, and
/// ingest makes tens of nodes per record: that was a tenth of its time. One constructor serves
/// every tag and every record read; it never changes once made, so threads may share it.
enum YAMLTags {
    nonisolated(unsafe) static let constructor = Constructor.default

    static func make(_ name: Tag.Name) -> Tag { Tag(name, .default, constructor) }
}

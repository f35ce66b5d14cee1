import Yams

/// Tags for the YAML nodes digest makes, and the constructor for the records it reads. Yams'
/// `Tag(_:)` builds its default constructor (three dictionaries of closures) for every node, and
/// ingest makes tens of nodes per record: that was a tenth of its time. One constructor serves
/// every tag and every record read; it never changes once made, so threads may share it.
enum YAMLTags {
    nonisolated(unsafe) static let constructor = Constructor.default

    /// A tag of its own: an `.implicit` one is resolved in place (Yams sets its name) when
    /// its node is written, so each node needs one.
    static func make(_ name: Tag.Name) -> Tag { Tag(name, .default, constructor) }

    /// Tags with a name, which Yams never changes, shared by all nodes: making one per node
    /// (an allocation, and a retain of the shared resolver and constructor that both cores
    /// fought over) was over a third of making a new record's nodes.
    nonisolated(unsafe) static let str = make(.str), int = make(.int), bool = make(.bool), timestamp = make(.timestamp)
}

/// A count with its noun, as the tool says it: "1 record", "2 records". (The nouns it counts
/// all take an s.)
public func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

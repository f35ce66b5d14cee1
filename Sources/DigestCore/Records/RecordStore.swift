import Foundation

/// The folder of records, `content/papers/<id>.md`.
public struct RecordStore: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    public struct Loaded {
        /// Sorted by id.
        public var records: [Record]
        /// Ids whose file could not be read: ingest must not overwrite them.
        public var unreadable: Set<String>
        public var diagnostics: [Diagnostic]
    }

    public func path(for id: String) -> String { folder + "/" + id + ".md" }

    public func loadAll() -> Loaded {
        var loaded = Loaded(records: [], unreadable: [], diagnostics: [])
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names.sorted() where name.hasSuffix(".md") && !name.hasPrefix(".") {
            let id = String(name.dropLast(3))
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                loaded.unreadable.insert(id)
                loaded.diagnostics.append(Diagnostic(file: path, line: nil, .error, "cannot read the record"))
                continue
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                loaded.unreadable.insert(id)
                loaded.diagnostics.append(Diagnostic(file: path, line: nil, .error, "the record is not UTF-8 text"))
                continue
            }
            do {
                loaded.records.append(try RecordCoding.read(id: id, text: text))
            } catch {
                loaded.unreadable.insert(id)
                loaded.diagnostics.append(Diagnostic(file: path, line: error.line, .error, error.message))
            }
        }
        return loaded
    }

    public func write(_ record: Record) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try AtomicFile.write(RecordCoding.write(record), to: path(for: record.id))
    }
}

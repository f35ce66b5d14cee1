/// A problem found in an input file, reported as `file:line: severity: message` so that
/// editors and CI logs can jump to it.
public struct Diagnostic: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable, Codable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public let file: String
    public let line: Int?
    public let severity: Severity
    public let message: String

    public init(file: String, line: Int?, _ severity: Severity, _ message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(severity.rawValue): \(message)"
    }
}

/// Several diagnostics as one error.
public struct Diagnostics: Error, Sendable {
    public let all: [Diagnostic]
}

import Foundation
import Yams

/// What a listing's own text may not say, given per listing in `digest.yml` under
/// `listings:` (keyed by file name) or on the command line.
public struct ListingSettings: Sendable, Equatable, Codable {
    public var format: ListingFormat?
    public var venue: String?
    public var session: String?
    public var room: String?
    /// The year of dates shown without one (`Sep 28`).
    public var year: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, venue, session, room, year
    }

    public init(format: ListingFormat? = nil, venue: String? = nil, session: String? = nil, room: String? = nil, year: Int? = nil) {
        self.format = format
        self.venue = venue
        self.session = session
        self.room = room
        self.year = year
    }

    /// Command-line settings win over the file's.
    public func overriding(with other: ListingSettings) -> ListingSettings {
        ListingSettings(format: other.format ?? format, venue: other.venue ?? venue, session: other.session ?? session,
                        room: other.room ?? room, year: other.year ?? year)
    }
}

/// `digest.yml`, the site's configuration.
public struct SiteConfig: Sendable, Codable, Equatable {
    public var title: String = "Paper digest"
    public var description: String = ""
    public var baseURL: String = ""
    public var language: String = "en"
    public var perPage: Int = 25
    public var listings: [String: ListingSettings] = [:]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, description, language, listings
        case baseURL = "base_url"
        case perPage = "per_page"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? title
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? description
        baseURL = try c.decodeIfPresent(String.self, forKey: .baseURL) ?? baseURL
        language = try c.decodeIfPresent(String.self, forKey: .language) ?? language
        perPage = try c.decodeIfPresent(Int.self, forKey: .perPage) ?? perPage
        listings = try c.decodeIfPresent([String: ListingSettings].self, forKey: .listings) ?? [:]
    }

    public static let fileName = "digest.yml"

    /// The site's config, or the defaults when the site has no `digest.yml`.
    public static func load(siteFolder: String) throws(ConfigError) -> SiteConfig {
        try loadChecked(siteFolder: siteFolder).config
    }

    /// The config and a warning for each key of `digest.yml` that means nothing to digest (a
    /// typo such as `baseurl` is otherwise silent), from one read and one parse of the file.
    public static func loadChecked(siteFolder: String) throws(ConfigError) -> (config: SiteConfig, warnings: [Diagnostic]) {
        let path = siteFolder + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { return (SiteConfig(), []) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigError(diagnostic: Diagnostic(file: path, line: nil, .error, "not UTF-8 text"))
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { return (SiteConfig(), []) }
            return (try YAMLDecoder().decode(SiteConfig.self, from: node), unknownKeys(node, file: path))
        } catch let error as YamlError {
            throw ConfigError(diagnostic: Diagnostic(file: path, line: RecordCoding.line(of: error) + 1, .error, RecordCoding.describe(error)))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context),
                let DecodingError.valueNotFound(_, context), let DecodingError.keyNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ConfigError(diagnostic: Diagnostic(file: path, line: nil, .error, "`\(field)`: \(context.debugDescription)"))
        } catch {
            throw ConfigError(diagnostic: Diagnostic(file: path, line: nil, .error, "\(error)"))
        }
    }

    static func unknownKeys(_ node: Node, file: String) -> [Diagnostic] {
        guard case .mapping(let top) = node else { return [] }
        var out: [Diagnostic] = []
        func check(_ key: Node, _ known: [String], _ what: String) {
            guard let name = key.string, !known.contains(name) else { return }
            out.append(Diagnostic(file: file, line: key.mark?.line, .warning,
                                  "unknown \(what) `\(name)` (known: \(known.sorted().joined(separator: ", ")))"))
        }
        for (key, value) in top {
            check(key, CodingKeys.allCases.map(\.rawValue), "setting")
            guard key.string == CodingKeys.listings.rawValue, case .mapping(let listings) = value else { continue }
            for (_, settings) in listings {
                guard case .mapping(let keys) = settings else { continue }
                for (k, _) in keys { check(k, ListingSettings.CodingKeys.allCases.map(\.rawValue), "listing setting") }
            }
        }
        return out
    }
}

public struct ConfigError: Error, Sendable {
    public let diagnostic: Diagnostic
}

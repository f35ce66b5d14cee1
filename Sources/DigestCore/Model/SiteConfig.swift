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
        let path = SitePaths(root: siteFolder).path(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return (SiteConfig(), []) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigError(diagnostic: Diagnostic(file: path, line: nil, .error, "not UTF-8 text"))
        }
        func yamlError(_ error: YamlError) -> ConfigError {
            ConfigError(diagnostic: Diagnostic(file: path, line: RecordCoding.line(of: error) + 1, .error, RecordCoding.describe(error)))
        }
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { return (SiteConfig(), []) }
            node = composed
        } catch let error as YamlError {
            throw yamlError(error)
        } catch {
            throw ConfigError(diagnostic: Diagnostic(file: path, line: nil, .error, "\(error)"))
        }
        let config: SiteConfig
        do {
            config = try YAMLDecoder().decode(SiteConfig.self, from: node)
        } catch let error as YamlError {
            throw yamlError(error)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context),
                let DecodingError.valueNotFound(_, context), let DecodingError.keyNotFound(_, context) {
            throw ConfigError(diagnostic: wrongKind(context, in: node, file: path))
        } catch {
            throw ConfigError(diagnostic: Diagnostic(file: path, line: nil, .error, "\(error)"))
        }
        if let problem = config.valueProblem(node, file: path) { throw ConfigError(diagnostic: problem) }
        return (config, unknownKeys(node, file: path) + listingsNotThere(node, file: path, folder: SitePaths(root: siteFolder).listings))
    }
}

public struct ConfigError: Error, Sendable {
    public let diagnostic: Diagnostic
}

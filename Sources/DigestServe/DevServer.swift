import DigestCore
import FlyingFox
import FlyingSocks
import Foundation

/// `digest serve`: builds the site into a folder of its own (`.digest-cache/serve/`, so
/// `public/` keeps the published build), serves it, and rebuilds — ingesting first when a
/// listing changed — whenever a watched file changes. Pages reload themselves (`LiveReload`).
public final class DevServer: Sendable {
    public struct Options: Sendable {
        public var siteFolder: String
        public var host: String
        public var port: UInt16
        public var today: CalendarDay
        public var log: @Sendable (String) -> Void
        public init(siteFolder: String, host: String, port: UInt16, today: CalendarDay, log: @escaping @Sendable (String) -> Void) {
            self.siteFolder = siteFolder
            self.host = host
            self.port = port
            self.today = today
            self.log = log
        }
    }

    /// The last build: a version that changes with every build that wrote the site, and the
    /// errors of the last round (the ingest before it, if any, and the build).
    actor State {
        var version = 0
        var problems: [String] = []
        func built(_ report: BuildReport, after ingestProblems: [String]) {
            problems = ingestProblems + report.diagnostics.filter { $0.severity == .error }.map(\.description)
            if report.written { version += 1 }
        }
        var json: String {
            "{\"version\":\(version),\"problems\":[" + problems.map(Escape.jsonString).joined(separator: ",") + "]}"
        }
    }

    let options: Options
    let output: String
    let state = State()

    public init(_ options: Options) {
        self.options = options
        output = options.siteFolder + "/.digest-cache/serve"
    }

    /// Serves until the task is cancelled. `ready` is told the address once the server listens.
    public func run(ready: @escaping @Sendable (String) -> Void) async throws {
        guard let ip4 = Self.ip4(of: options.host) else { throw HostError(host: options.host) }
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: ip4, port: options.port), logger: .disabled)
        await server.appendRoute(HTTPRoute("GET \(LiveReload.statusPath)")) { [state] _ in
            HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "application/json", .init("Cache-Control"): "no-store"]),
                         body: Data(await state.json.utf8))
        }
        await server.appendRoute(HTTPRoute("GET \(LiveReload.scriptPath)")) { _ in
            HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "text/javascript; charset=utf-8"]), body: Data(LiveReload.script.utf8))
        }
        await server.appendRoute("GET,HEAD *") { [output] request in SiteFiles(root: output).response(for: request.target.path(percentEncoded: false)) }

        try await withThrowingTaskGroup(of: Void.self) { group in
            // A server that cannot listen (the port taken) fails at once; the wait for it to
            // listen would only time out, 5 s later, without the reason. Whichever ends first
            // ends the serve.
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening()
                // The port is known now (0 asks for any free one); the first build links to it.
                let port = Self.port(of: await server.listeningAddress) ?? self.options.port
                let baseURL = "http://\(self.options.host):\(port)/"
                // Watched from before the first build: a change while it builds is built next.
                let watcher = SiteWatcher(root: self.options.siteFolder)
                let records = RecordStamps(siteFolder: self.options.siteFolder)
                await self.build(baseURL: baseURL, ingest: false, records: records)
                ready(baseURL)
                await self.watch(watcher, records: records, baseURL: baseURL)
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// The IPv4 address `host` names: itself when written as one, else the first the system
    /// resolves it to (`localhost`, the machine's name); nil when it resolves to none.
    static func ip4(of host: String) -> String? {
        var address = in_addr()
        if inet_pton(AF_INET, host, &address) == 1 { return host }
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &found) == 0, let first = found else { return nil }
        defer { freeaddrinfo(found) }
        guard let socket = first.pointee.ai_addr else { return nil }
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        var ip = socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
        guard inet_ntop(AF_INET, &ip, &text, socklen_t(text.count)) != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    struct HostError: Error, CustomStringConvertible {
        let host: String
        var description: String { "\(host) is not an IPv4 address, nor a name this machine resolves to one" }
    }

    /// Why the server could not run, in words: "Address already in use", not the socket
    /// library's enum case.
    public static func reason(_ error: Error) -> String {
        switch error as? SocketError {
        case .failed(_, _, let message)?: message
        case .timeout(let message)?: message
        default: "\(error)"
        }
    }

    static func port(of address: Socket.Address?) -> UInt16? {
        if case .ip4(_, let port) = address { return port }
        if case .ip6(_, let port) = address { return port }
        return nil
    }

    /// Builds whenever watched files change, once they are quiet: a listing written in pieces,
    /// or an editor's save in steps, is one change.
    /// (`records`: the records' stamps, kept as the watcher tells of changes, `RecordStamps`.)
    func watch(_ watcher: SiteWatcher, records: RecordStamps, baseURL: String) async {
        var records = records
        while !Task.isCancelled {
            try? await Task.sleep(for: watcher.interval)
            guard !watcher.look(), case let changed = watcher.take(), !changed.isEmpty else { continue }
            options.log("changed: " + changed.prefix(5).joined(separator: ", ") + (changed.count > 5 ? " and \(changed.count - 5) more" : ""))
            let ingest = SiteWatcher.needsIngest(changed)
            records = SiteWatcher.records(records, after: changed, siteFolder: options.siteFolder)
            await build(baseURL: baseURL, ingest: ingest, records: records)
            // What changed while it built is built next; but not the records an ingest wrote,
            // which are stamped again as they are now.
            if ingest {
                _ = watcher.look()
                watcher.drop(where: SiteWatcher.isRecord)
                records = RecordStamps(siteFolder: options.siteFolder)
            }
        }
    }

    func build(baseURL: String, ingest: Bool, records: RecordStamps) async {
        var ingestProblems: [String] = []
        var records = records
        if ingest {
            let report = Ingest.run(IngestOptions(siteFolder: options.siteFolder, today: options.today))
            options.log(report.render().trimmingCharacters(in: .newlines))
            ingestProblems = report.allDiagnostics.filter { $0.severity == .error }.map(\.description)
            records = RecordStamps(siteFolder: options.siteFolder)  // as the ingest left them
        }
        var build = BuildOptions(siteFolder: options.siteFolder, output: output, baseURL: baseURL)
        build.records = records
        // What the build held is freed on a thread of its own, not before the build returns.
        let leftovers = Leftovers()
        build.leftovers = leftovers
        let report = SiteBuild.run(build)
        leftovers.letGoInBackground()
        options.log(report.render().trimmingCharacters(in: .newlines))
        // A listing that would not ingest stays on the page until it does, though the build
        // that follows (from the records already there) succeeds.
        await state.built(report, after: ingestProblems)
        // A full build leaves no previous site for the next build to start from: one is made
        // now, so that the first change is as quick to build as the ones after it.
        if report.written && !report.incremental { SiteStaging.keepSpare(siteFolder: options.siteFolder, output: output) }
    }
}

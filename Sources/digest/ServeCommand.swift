import ArgumentParser
import DigestCore
import DigestServe
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it, and rebuild and reload pages as its files change.",
        discussion: helpText("""
        Builds into .digest-cache/serve/ (public/ keeps the build you publish) with the
        server's own address as base URL, serves it, and watches content/, templates/ and
        digest.yml: a changed record or template rebuilds what it touches; a changed listing is
        ingested first. Open pages reload themselves after each build; the errors of a failed ingest or build
        show at the bottom of the page and in the terminal, and the last good site stays served.
        Stop with Ctrl-C.

        Examples:
          digest serve                       # http://127.0.0.1:8080/
          digest serve --port 4000
          digest serve --host 0.0.0.0        # reachable from other machines
        """)
    )

    @OptionGroup var siteOptions: SiteOptions

    @Option(help: "The port to listen on (0: any free port; the address is printed).")
    var port: UInt16 = 8080

    @Option(help: "The IPv4 address, or a host name such as localhost, to listen on.")
    var host = "127.0.0.1"

    func run() throws {
        // A mistyped -C would serve a page of errors until stopped.
        if let notASite = SitePaths(root: siteOptions.site).notASite {
            FileHandle.standardError.write(Data((Terminal.paint(notASite.description) + "\n").utf8))
            throw ExitCode(1)
        }
        let server = DevServer(DevServer.Options(
            siteFolder: siteOptions.site, host: host, port: port, today: CalendarDay.today(),
            log: Self.say))
        let done = DispatchSemaphore(value: 0)
        let failure = Failure()
        Task {
            do {
                try await server.run { address in Self.say("serving \(address) (Ctrl-C stops)") }
            } catch {
                failure.message = DevServer.reason(error)
            }
            done.signal()
        }
        done.wait()
        if let message = failure.message {
            FileHandle.standardError.write(Data("cannot serve on \(host):\(port): \(message)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Unbuffered, so a script waiting for the address sees it at once.
    static let say: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }

    /// Set by the server task before it signals, read after: never at the same time.
    final class Failure: @unchecked Sendable { var message: String? }
}

import Foundation
import Testing
@testable import DigestCore

/// What a build held, kept for a process that goes on (`digest serve`): freed on a thread of
/// its own when let go, not where the build ends.
@Suite struct LeftoversTests {
    /// The thread something was freed on (`pthread_self`), once it was.
    private final class FreedOn: @unchecked Sendable {
        private let lock = NSLock()
        private var thread: pthread_t?
        func set() { lock.withLock { thread = pthread_self() } }
        var value: pthread_t? { lock.withLock { thread } }
    }

    private final class Witness {
        let freedOn: FreedOn
        init(_ freedOn: FreedOn) { self.freedOn = freedOn }
        deinit { freedOn.set() }
    }

    @Test func keptValuesAreFreedOnAnotherThreadOnceLetGo() throws {
        let leftovers = Leftovers()
        let freedOn = FreedOn()
        var options = BuildOptions(siteFolder: "unused")
        options.leftovers = leftovers
        do { options.keepPastEnd(Witness(freedOn), [1, 2, 3]) }
        #expect(leftovers.count == 2)
        #expect(freedOn.value == nil)  // kept past its scope
        leftovers.letGoInBackground()
        #expect(leftovers.count == 0)
        for _ in 0..<200 where freedOn.value == nil { usleep(10_000) }
        let thread = try #require(freedOn.value)
        #expect(pthread_equal(thread, pthread_self()) == 0)
    }

    /// A build given leftovers keeps its model and tables in them.
    @Test func aBuildKeepsWhatItHeldInTheLeftovers() throws {
        let site = try Fixtures.site()
        _ = Fixtures.ingest(site)
        var options = BuildOptions(siteFolder: site)
        options.leftovers = Leftovers()
        #expect(SiteBuild.run(options).written)
        #expect(options.leftovers!.count >= 5)
        options.leftovers!.letGoInBackground()
    }
}

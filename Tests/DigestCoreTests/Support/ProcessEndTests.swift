import Testing
@testable import DigestCore

@Suite struct ProcessEndTests {
    final class Probe {}

    /// What `digest build` hands over at its end outlives every reference the build had.
    @Test func whatIsKeptIsNotFreed() {
        weak var probe: Probe?
        do {
            let held = Probe()
            probe = held
            ProcessEnd.keep(held, [held])
        }
        #expect(probe != nil)
    }

    /// Only the command line, whose process ends with the build, leaves memory to the system;
    /// `digest serve` builds again and again in one process.
    @Test func aBuildFreesWhatItHeldByDefault() {
        #expect(!BuildOptions(siteFolder: ".").processEndsAfter)
    }
}

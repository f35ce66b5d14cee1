import Foundation
import Testing
@testable import DigestCore

/// What a render worker process sends its parent comes back as it was sent, and a message cut
/// short reads as nothing rather than as wrong values. (Forking itself is tested through the
/// CLI, `Tests/cli/run.sh`: a test process has other threads running, which a fork must not meet.)
@Suite struct WireTests {
    func roundTrip<T: WireValue>(_ values: [T]) -> [T?] {
        var wire: [UInt8] = []
        for value in values { value.write(to: &wire) }
        var reader = WireReader(bytes: wire)
        let back = values.map { _ in T.read(from: &reader) }
        #expect(reader.at == wire.count)
        return back
    }

    @Test func valuesComeBackAsTheyWereSent() {
        #expect(roundTrip([0, 1, UInt64.max, 0x0102_0304_0506_0708]) == [0, 1, UInt64.max, 0x0102_0304_0506_0708])
        #expect(roundTrip(["", "é ∑ 𝔸 <li>", String(repeating: "x", count: 70_000)]) == ["", "é ∑ 𝔸 <li>", String(repeating: "x", count: 70_000)])
        let items: [String?] = [nil, "", "<li class=\"paper-item\">\u{1}root\u{1}</li>"]
        #expect(roundTrip(items) == items.map { .some($0) })
        let outcomes = roundTrip([PageOutcome(hash: 42, wrote: true, error: 0), PageOutcome(hash: 7, wrote: false, error: ENOSPC)])
        #expect(outcomes.map { $0?.hash } == [42, 7] && outcomes.map { $0?.wrote } == [true, false] && outcomes.map { $0?.error } == [0, ENOSPC])
    }

    @Test func aMessageCutShortReadsAsNothing() {
        var wire: [UInt8] = []
        "a list item".write(to: &wire)
        var reader = WireReader(bytes: Array(wire.dropLast()))
        #expect(String.read(from: &reader) == nil)
        var tagOnly = WireReader(bytes: [1])
        #expect(String?.read(from: &tagOnly) == nil)
        var badTag = WireReader(bytes: [7])
        #expect(String?.read(from: &badTag) == nil)
    }

    @Test func oneProcessMapsInIndexOrderWithoutForking() {
        #expect(ProcessMap.run(1000, processes: 1) { "\($0)" } == (0..<1000).map { "\($0)" })
        #expect(ProcessMap.run(10, processes: 8) { UInt64($0 * $0) } == (0..<10).map { UInt64($0 * $0) })  // too few to fork
    }

    @Test func aLargeHeapIsRenderedOnThreadsNotForkedWorkers() {
        func isThreads(_ workers: Workers) -> Bool { if case .threads = workers { true } else { false } }
        func processes(_ workers: Workers) -> Int? { if case .processes(let n) = workers { n } else { nil } }
        #expect(processes(Workers.perCore(heapInUse: 50 << 20, cores: 4)) == 4)  // 10k papers: ~50 MB
        #expect(processes(Workers.perCore(heapInUse: Workers.forkedHeapLimit, cores: 2)) == 2)
        #expect(isThreads(Workers.perCore(heapInUse: Workers.forkedHeapLimit + 1, cores: 2)))
        #expect(isThreads(Workers.perCore(heapInUse: 440 << 20, cores: 2)))  // 100k papers: ~440 MB
        #expect(processes(Workers.threads.resolved) == nil && processes(Workers.processes(3).resolved) == 3)
    }
}

import Testing
@testable import DigestCore

/// Lists of texts read from a cache as `Array.read` reads them, the same list's bytes read
/// twice giving one array; a list cut short reads as none.
@Suite struct SharedTextsTests {
    func wire(_ lists: [[String]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for list in lists { list.write(to: &bytes) }
        return bytes
    }

    @Test func aListReadTwiceIsOneArray() throws {
        let lists = [["llm", "alignment"], ["vision"], ["llm", "alignment"], [], ["Café — naïve", "llm"]]
        var reader = WireReader(bytes: wire(lists))
        var shared = SharedTexts()
        var read: [[String]] = []
        for _ in lists {
            let list = shared.readList(from: &reader)
            read.append(try #require(list))
        }
        #expect(read == lists && reader.at == reader.count)
        let storage = read.map { $0.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(storage[0] == storage[2] && storage[0] != storage[4])
    }

    @Test func aListCutShortIsNone() {
        let bytes = wire([["llm", "alignment"]])
        for end in 0..<bytes.count {
            var reader = WireReader(bytes: Array(bytes[..<end]))
            var shared = SharedTexts()
            let list = shared.readList(from: &reader)
            #expect(list == nil)
        }
    }
}

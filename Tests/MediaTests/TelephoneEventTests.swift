@testable import Media
import Testing

@Suite struct TelephoneEventTests {
    @Test func parsesThePayload() throws {
        let event = try TelephoneEvent(parsing: [0x05, 0x80 | 0x40 | 10, 0x03, 0x20])
        #expect(event.event == 5)
        #expect(event.key == "5")
        #expect(event.isEnd)
        #expect(event.volume == 10)  // the reserved bit is ignored
        #expect(event.duration == 800)
        #expect(event.serialized() == [0x05, 0x8A, 0x03, 0x20])
    }

    @Test func mapsAllSixteenKeys() throws {
        for (code, key) in "0123456789*#ABCD".enumerated() {
            let event = try TelephoneEvent(parsing: [UInt8(code), 0, 0, 160])
            #expect(event.key == key)
            #expect(TelephoneEvent(key: key, duration: 0)?.event == UInt8(code))
        }
        #expect(try TelephoneEvent(parsing: [16, 0, 0, 0]).key == nil)
        #expect(TelephoneEvent(key: "a", duration: 0)?.event == 12)
        #expect(TelephoneEvent(key: "x", duration: 0) == nil)
    }

    @Test func rejectsShortPayloads() {
        for length in 0..<4 {
            #expect(throws: TelephoneEventError.truncated(length)) { try TelephoneEvent(parsing: Array(repeating: 1, count: length)) }
        }
    }

    @Test func encoderSendsUpdatesThenThreeEnds() throws {
        let events = try #require(DTMFEncoder.events(for: "#", duration: 800, interval: 160))
        #expect(events.map(\.duration) == [160, 320, 480, 640, 800, 800, 800])
        #expect(events.map(\.isEnd) == [false, false, false, false, true, true, true])
        #expect(events.allSatisfy { $0.key == "#" })
        #expect(DTMFEncoder.events(for: "z") == nil)
    }
}

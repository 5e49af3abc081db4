@testable import Media
import Testing

@Suite struct LegDTMFTests {
    @Test func eachKeyIsReportedOnceInOrder() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg(telephoneEvent: 101)
        let log = EventLog(leg)
        var sequence: UInt16 = 500
        for (index, key) in "12#1".enumerated() {
            fixture.peer.sendKey(key, payloadType: 101, timestamp: 8000 + UInt32(index) * 1600, sequence: &sequence,
                                 to: leg.localPort)
        }
        // Everything before the last key has been handled once the last key is reported.
        #expect(await eventually { log.dtmf.count >= 4 })
        #expect(log.dtmf == "12#1")
        #expect(log.events.count == 4)
    }

    @Test func telephoneEventsNeedTheNegotiatedPayloadType() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg(telephoneEvent: 96)
        let log = EventLog(leg)
        var sequence: UInt16 = 0
        fixture.peer.sendKey("5", payloadType: 101, timestamp: 0, sequence: &sequence, to: leg.localPort)
        fixture.peer.sendKey("6", payloadType: 96, timestamp: 1600, sequence: &sequence, to: leg.localPort)
        #expect(await eventually { log.dtmf == "6" })
        #expect(log.dtmf == "6")
    }
}

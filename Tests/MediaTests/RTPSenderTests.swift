@testable import Media
import Testing

@Suite struct RTPSenderTests {
    @Test func sequenceAndTimestampContinueAcrossPauses() {
        var sender = RTPSender(ssrc: 7, sequenceNumber: 65535, timestamp: 1000)
        let first = sender.packet(payloadType: 0, payload: [1], samples: 160)
        let second = sender.packet(payloadType: 0, payload: [2], samples: 160)
        sender.skip(samples: 160)
        sender.skip(samples: 160)
        let afterPause = sender.packet(payloadType: 0, payload: [3], samples: 160)
        #expect([first.sequenceNumber, second.sequenceNumber, afterPause.sequenceNumber] == [65535, 0, 1])
        #expect([first.timestamp, second.timestamp, afterPause.timestamp] == [1000, 1160, 1640])
        #expect([first.marker, second.marker, afterPause.marker] == [true, false, true])
        #expect(Set([first.ssrc, second.ssrc, afterPause.ssrc]) == [7])
    }

    @Test func randomStartsDiffer() {
        let senders = (0..<8).map { _ in RTPSender() }
        #expect(Set(senders.map(\.ssrc)).count > 1)
    }

    @Test func relayKeepsTheSourceSpacing() {
        var sender = RTPSender(ssrc: 1, sequenceNumber: 10, timestamp: 5000)
        func source(_ timestamp: UInt32, marker: Bool = false) -> RTPPacket {
            RTPPacket(marker: marker, payloadType: 0, sequenceNumber: 0, timestamp: timestamp, ssrc: 99, payload: [])
        }
        let a = sender.relay(payloadType: 8, payload: [], samples: 160, from: source(90000))
        let b = sender.relay(payloadType: 8, payload: [], samples: 160, from: source(90160))
        let c = sender.relay(payloadType: 8, payload: [], samples: 160, from: source(90800))  // 3 packets lost
        let late = sender.relay(payloadType: 8, payload: [], samples: 160, from: source(90320))  // one of them, late
        let d = sender.relay(payloadType: 8, payload: [], samples: 160, from: source(90960))
        #expect([a.timestamp, b.timestamp, c.timestamp, late.timestamp, d.timestamp] == [5000, 5160, 5800, 5320, 5960])
        #expect([a.sequenceNumber, b.sequenceNumber, c.sequenceNumber, late.sequenceNumber, d.sequenceNumber] == [10, 11, 12, 13, 14])
        #expect([a.marker, b.marker, c.marker] == [true, false, false])
        #expect(a.payloadType == 8 && a.ssrc == 1)
    }

    @Test func aNewSourceStreamStartsATalkspurt() {
        var sender = RTPSender(ssrc: 1, sequenceNumber: 0, timestamp: 0)
        _ = sender.relay(payloadType: 0, payload: [], samples: 160,
                         from: RTPPacket(payloadType: 0, sequenceNumber: 0, timestamp: 7, ssrc: 1, payload: []))
        let switched = sender.relay(payloadType: 0, payload: [], samples: 160,
                                    from: RTPPacket(payloadType: 0, sequenceNumber: 0, timestamp: 123_456, ssrc: 2, payload: []))
        #expect(switched.marker)
        #expect(switched.timestamp == 160)
    }
}

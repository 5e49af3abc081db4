@testable import Media
import Testing

@Suite struct DTMFReceiverTests {
    /// Feeds the packets of one key press, as a sender would, and collects what the receiver reports.
    func press(_ key: Character, at timestamp: UInt32, duration: Int = 800, into receiver: inout DTMFReceiver) -> [Character] {
        DTMFEncoder.events(for: key, duration: duration)!.compactMap { receiver.receive($0, timestamp: timestamp) }
    }

    @Test func reportsEachKeyOnceDespiteTripleEnds() {
        var receiver = DTMFReceiver()
        var keys: [Character] = []
        for (index, key) in "1234#".enumerated() {
            keys += press(key, at: UInt32(index) * 2000, into: &receiver)
        }
        #expect(String(keys) == "1234#")
    }

    @Test func aLongKeyIsOneKey() {
        var receiver = DTMFReceiver()
        #expect(press("5", at: 100, duration: 40_000, into: &receiver) == ["5"])  // 5 s, 250 packets
    }

    @Test func theSameKeyTwiceIsTwoKeys() {
        var receiver = DTMFReceiver()
        let keys = press("7", at: 0, into: &receiver) + press("7", at: 1600, into: &receiver)
        #expect(keys == ["7", "7"])
    }

    @Test func endPacketsAloneStillReportTheKey() {
        var receiver = DTMFReceiver()
        let end = TelephoneEvent(key: "9", isEnd: true, duration: 800)!
        #expect(receiver.receive(end, timestamp: 5000) == "9")
        #expect(receiver.receive(end, timestamp: 5000) == nil)
        #expect(receiver.receive(end, timestamp: 5000) == nil)
    }

    @Test func lateRetransmissionsOfAnOlderKeyAreIgnored() {
        var receiver = DTMFReceiver()
        let oneEnd = TelephoneEvent(key: "1", isEnd: true, duration: 800)!
        #expect(receiver.receive(oneEnd, timestamp: 1000) == "1")
        #expect(receiver.receive(TelephoneEvent(key: "2", duration: 160)!, timestamp: 3000) == "2")
        #expect(receiver.receive(oneEnd, timestamp: 1000) == nil)  // reordered: arrives after "2" began
    }

    @Test func timestampWrapAroundIsNotOld() {
        var receiver = DTMFReceiver()
        #expect(receiver.receive(TelephoneEvent(key: "3", isEnd: true, duration: 800)!, timestamp: .max - 100) == "3")
        #expect(receiver.receive(TelephoneEvent(key: "4", duration: 160)!, timestamp: 1500) == "4")
    }

    @Test func aSegmentOfAVeryLongEventIsNotANewKey() {
        // RFC 4733 §2.5.1.3: at the duration limit the sender starts a new segment with a new timestamp.
        var receiver = DTMFReceiver()
        #expect(receiver.receive(TelephoneEvent(key: "0", duration: 0xFFFF)!, timestamp: 0) == "0")
        #expect(receiver.receive(TelephoneEvent(key: "0", duration: 160)!, timestamp: 0xFFFF) == nil)
        #expect(receiver.receive(TelephoneEvent(key: "0", isEnd: true, duration: 800)!, timestamp: 0xFFFF) == nil)
        #expect(receiver.receive(TelephoneEvent(key: "0", duration: 160)!, timestamp: 0x2_0000) == "0")
    }
}

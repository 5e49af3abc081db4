@testable import Media
import Testing

@Suite struct RecordingMeterTests {
    let start = MonotonicTime(nanoseconds: 1_000_000_000)
    func at(_ seconds: Double) -> MonotonicTime { start + Duration(seconds: seconds) }
    let loud = AudioClip.tone(hz: 440, seconds: 0.02, amplitude: 0.5).samples
    let quiet = [Int16](repeating: 20, count: 160)

    @Test func fullAtMaxLengthWithTheLastFrameCut() {
        var meter = RecordingMeter(maxSeconds: 0.05, silenceSeconds: nil, now: start)  // 400 samples
        #expect(meter.accept(loud, now: at(0.02)) == 160)
        #expect(meter.accept(loud, now: at(0.04)) == 160)
        #expect(meter.stopReason(now: at(0.04)) == nil)
        #expect(meter.accept(loud, now: at(0.06)) == 80)
        #expect(meter.stopReason(now: at(0.06)) == "max_length")
    }

    @Test func silenceCountsFromTheStart() {
        let meter = RecordingMeter(maxSeconds: 60, silenceSeconds: 2, now: start)
        #expect(meter.stopReason(now: at(1.9)) == nil)
        #expect(meter.stopReason(now: at(2.0)) == "silence")
    }

    @Test func speechRestartsTheSilenceClock() {
        var meter = RecordingMeter(maxSeconds: 60, silenceSeconds: 2, now: start)
        _ = meter.accept(loud, now: at(1.5))
        _ = meter.accept(quiet, now: at(2.5))
        #expect(meter.stopReason(now: at(3.4)) == nil)
        #expect(meter.stopReason(now: at(3.5)) == "silence")
    }

    @Test func noPacketsAtAllStillEndsAtMaxLength() {
        let meter = RecordingMeter(maxSeconds: 1, silenceSeconds: nil, now: start)
        #expect(meter.stopReason(now: at(1.4)) == nil)
        #expect(meter.stopReason(now: at(1.5)) == "max_length")
    }

    @Test func gapsAreFilledOnlyWhenPlausible() {
        var meter = RecordingMeter(maxSeconds: 60, silenceSeconds: nil, now: start)
        #expect(meter.gap(before: 1000, count: 160) == 0)      // first packet: nothing to compare
        #expect(meter.gap(before: 1160, count: 160) == 0)      // in order
        #expect(meter.gap(before: 1800, count: 160) == 480)    // three packets lost
        #expect(meter.gap(before: 900_000, count: 160) == 0)   // a jump: new stream, not a gap
        #expect(meter.gap(before: 899_000, count: 160) == 0)   // backwards: reordered
        #expect(meter.samples == 480)
    }
}

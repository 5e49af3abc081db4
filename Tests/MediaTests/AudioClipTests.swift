@testable import Media
import Testing

@Suite struct AudioClipTests {
    @Test func durationFollowsTheSampleCount() {
        #expect(AudioClip(samples: Array(repeating: 0, count: 8000)).duration == .seconds(1))
        #expect(AudioClip.silence(seconds: 0.5).samples == Array(repeating: 0, count: 4000))
        #expect(AudioClip.silence(seconds: -1).samples.isEmpty)
    }

    @Test func toneHasItsFrequencyAndLevel() {
        let tone = AudioClip.tone(hz: 440, seconds: 1, amplitude: 0.5)
        #expect(tone.samples.count == 8000)
        let stats = toneStats(tone.samples)
        #expect(abs(stats.crossingsPerSecond - 880) <= 4)
        #expect(abs(stats.rms - 0.5 * 32767 / 2.squareRoot()) < 300)
        #expect(tone.samples.first == 0)  // faded in: no click
        #expect(AudioClip.beep.samples.count == 2000)
    }
}

@testable import Media
import Testing

/// The mixing math alone: who hears whom, clipping, mute and audience rules.
@Suite struct RoomMixerTests {
    let a = ParticipantID(rawValue: 1), b = ParticipantID(rawValue: 2), c = ParticipantID(rawValue: 3)

    func frame(_ value: Int16) -> [Int16] { Array(repeating: value, count: 160) }

    func voice(_ id: ParticipantID, _ value: Int16?, muted: Bool = false, audience: Audience = .everyone) -> RoomMixer.Voice {
        RoomMixer.Voice(id: id, frame: value.map(frame), muted: muted, audience: audience)
    }

    @Test func eachHearsTheSumOfTheOthersAndNeverItself() {
        var mixer = RoomMixer()
        let heard = mixer.mix([voice(a, 100), voice(b, 20), voice(c, 3)])
        #expect(heard == [frame(23), frame(103), frame(120)])
    }

    @Test func sumsClipToInt16InsteadOfWrapping() {
        var mixer = RoomMixer()
        let heard = mixer.mix([voice(a, 30000), voice(b, 30000), voice(c, -30000), voice(ParticipantID(rawValue: 4), -30000)])
        #expect(heard[0] == frame(-30000))  // 30000 - 60000
        let loud = mixer.mix([voice(a, 30000), voice(b, 30000), voice(c, nil)])
        #expect(loud[2] == frame(Int16.max))
        let quiet = mixer.mix([voice(a, -30000), voice(b, -30000), voice(c, nil)])
        #expect(quiet[2] == frame(Int16.min))
    }

    @Test func aMutedParticipantIsHeardByNobodyButStillHears() {
        var mixer = RoomMixer()
        let heard = mixer.mix([voice(a, 100, muted: true), voice(b, 20), voice(c, 3)])
        #expect(heard == [frame(23), frame(3), frame(20)])
    }

    @Test func aParticipantWithoutAFrameContributesNothing() {
        var mixer = RoomMixer()
        let heard = mixer.mix([voice(a, nil), voice(b, 20)])
        #expect(heard == [frame(20), nil], "b hears nobody this tick")
    }

    /// Listen: the supervisor hears both, nobody hears the supervisor.
    @Test func listenIsAnAudienceOfNobody() {
        let supervisor = ParticipantID(rawValue: 9)
        var mixer = RoomMixer()
        let heard = mixer.mix([voice(a, 100), voice(b, 20), voice(supervisor, 5, audience: .nobody)])
        #expect(heard == [frame(20), frame(100), frame(120)])
    }

    /// Whisper: only the agent hears the supervisor.
    @Test func whisperIsAnAudienceOfOne() {
        let agent = a, customer = b, supervisor = ParticipantID(rawValue: 9)
        var mixer = RoomMixer()
        let heard = mixer.mix([voice(agent, 100), voice(customer, 20), voice(supervisor, 5, audience: .only([agent]))])
        #expect(heard == [frame(25), frame(100), frame(120)])
    }

    /// Barge: all hear all.
    @Test func bargeIsAnAudienceOfEveryone() {
        let supervisor = ParticipantID(rawValue: 9)
        var mixer = RoomMixer()
        let heard = mixer.mix([voice(a, 100), voice(b, 20), voice(supervisor, 5)])
        #expect(heard == [frame(25), frame(105), frame(120)])
    }

    @Test func anAudienceNamingItselfStillExcludesItsOwnVoice() {
        var mixer = RoomMixer()
        let heard = mixer.mix([voice(a, 100, audience: .only([a, b])), voice(b, 20)])
        #expect(heard == [frame(20), frame(100)])
    }
}

@Suite struct JitterBufferTests {
    @Test func givesOneFrameAtATimeAndNothingWhenShort() {
        var buffer = JitterBuffer()
        buffer.push(Array(repeating: 1, count: 240))
        #expect(buffer.nextFrame() == Array(repeating: 1, count: 160))
        #expect(buffer.nextFrame() == nil, "80 samples are not a frame")
        buffer.push(Array(repeating: 2, count: 80))
        #expect(buffer.nextFrame() == Array(repeating: 1, count: 80) + Array(repeating: 2, count: 80))
    }

    @Test func isBoundedAndDropsTheOldest() {
        var buffer = JitterBuffer(capacity: 2)
        for value in Int16(1)...4 { buffer.push(Array(repeating: value, count: 160)) }
        #expect(buffer.dropped == 320)
        #expect(buffer.nextFrame() == Array(repeating: 3, count: 160))
        #expect(buffer.nextFrame() == Array(repeating: 4, count: 160))
        #expect(buffer.nextFrame() == nil)
    }
}

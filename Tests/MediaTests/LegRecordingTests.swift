import Foundation
@testable import Media
import Testing

@Suite struct LegRecordingTests {
    @Test func recordsATone() async throws {
        let fixture = try EngineFixture()
        let folder = try TemporaryDirectory()
        defer { fixture.tearDown(); folder.remove() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        try leg.startRecording(path: folder.file("tone.wav"), maxSeconds: 1, silenceSeconds: nil, beep: false)
        fixture.peer.sendAudio(AudioClip.tone(hz: 440, seconds: 1.2, amplitude: 0.5).samples, to: leg.localPort)

        #expect(await eventually { log.recording != nil })
        let finished = try #require(log.recording)
        #expect(finished.reason == "max_length")
        #expect(finished.path == folder.file("tone.wav"))
        #expect(abs(finished.seconds - 1) < 0.05)
        let file = try WAVFile(contentsOf: folder.file("tone.wav"))
        #expect(file.sampleRate == 8000 && file.channels == 1)
        #expect(abs(file.samples.count - 8000) <= 160)
        let stats = toneStats(file.samples)
        #expect(abs(stats.crossingsPerSecond - 880) < 20)
        #expect(stats.rms > 9000)  // 0.5 full scale sine: about 11,600
    }

    @Test func silenceEndsTheRecording() async throws {
        let fixture = try EngineFixture()
        let folder = try TemporaryDirectory()
        defer { fixture.tearDown(); folder.remove() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        try leg.startRecording(path: folder.file("quiet.wav"), maxSeconds: 30, silenceSeconds: 0.5, beep: false)
        fixture.peer.sendAudio(AudioClip.tone(hz: 440, seconds: 0.2).samples, to: leg.localPort)
        // Then quiet packets, as a phone on an open line sends them, until the recording ends.
        var timestamp: UInt32 = 80000 + 1600
        var sequence: UInt16 = 1010
        let ended = await eventually {
            if log.recording != nil { return true }
            fixture.peer.send(RTPPacket(payloadType: 0, sequenceNumber: sequence, timestamp: timestamp, ssrc: 0x1234_5678,
                                        payload: Codec.pcmu.encode(repeatElement(Int16(30), count: 160))), to: leg.localPort)
            timestamp &+= 160
            sequence &+= 1
            return false
        }
        #expect(ended)
        let finished = try #require(log.recording)
        #expect(finished.reason == "silence")
        #expect(finished.seconds >= 0.2)
        #expect(try WAVFile(contentsOf: folder.file("quiet.wav")).samples.count == Int((finished.seconds * 8000).rounded()))
    }

    @Test func theBeepPlaysFirstAndStopRecordingGivesItsReason() async throws {
        let fixture = try EngineFixture()
        let folder = try TemporaryDirectory()
        defer { fixture.tearDown(); folder.remove() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        try leg.startRecording(path: folder.file("beep.wav"), maxSeconds: 30, silenceSeconds: nil, beep: true)
        // 0.25 s of beep in 20 ms frames. The recording starts in the tick that sends the last one,
        // before the media thread reads any socket, so the tone below cannot arrive too early.
        #expect(await eventually { fixture.peer.count >= 13 })
        let beep = fixture.peer.packets.flatMap { Codec.pcmu.decode($0.payload) }
        #expect(abs(toneStats(Array(beep.prefix(2000))).crossingsPerSecond - 2000) < 60)  // 1 kHz
        fixture.peer.sendAudio(AudioClip.tone(hz: 440, seconds: 0.4).samples, to: leg.localPort)
        #expect(await eventually { leg.stats.packetsReceived == 20 })
        leg.stopRecording(reason: "caller_pressed_pound")
        #expect(await eventually { log.recording != nil })
        #expect(log.recording?.reason == "caller_pressed_pound")
        #expect(try WAVFile(contentsOf: folder.file("beep.wav")).samples.count == 3200)
        #expect(log.events.count == 1)  // the beep is not a playback of the caller's
        #expect(fixture.peer.count == 13)
    }

    @Test func closingTheLegEndsTheRecordingAsHangup() async throws {
        let fixture = try EngineFixture()
        let folder = try TemporaryDirectory()
        defer { fixture.tearDown(); folder.remove() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        try leg.startRecording(path: folder.file("hangup.wav"), maxSeconds: 30, silenceSeconds: nil, beep: false)
        fixture.peer.sendAudio(AudioClip.tone(hz: 440, seconds: 0.1).samples, to: leg.localPort)
        #expect(await eventually { leg.stats.packetsReceived == 5 })
        leg.close()
        #expect(await eventually { log.isFinished })
        #expect(log.events == [.recordingFinished(path: folder.file("hangup.wav"), seconds: 0.1, reason: "hangup")])
    }

    @Test func anUnwritablePathIsRefusedAtOnce() throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        #expect(throws: MediaError.self) {
            try leg.startRecording(path: "/nonexistent-dir/x.wav", maxSeconds: 1, silenceSeconds: nil, beep: false)
        }
    }
}

import Foundation
@testable import Media
import Testing

/// `record_pause` on the media side: a paused span is silence in the file, and the file keeps its
/// length, so what is left lines up with the call's wall time.
@Suite struct RecordingPauseTests {
    /// 20 ms frames of a 440 Hz tone at half scale.
    static let tone = AudioClip.tone(hz: 440, seconds: 1, amplitude: 0.5).samples
    static func frame(_ index: Int) -> [Int16] { Array(tone[(index % 50) * 160..<(index % 50 + 1) * 160]) }

    @Test func aPausedSpanOfALegRecordingIsZerosAndTheLengthIsUnchanged() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("paused.wav")
        // Silence would end it after 1 s: a pause of 1.5 s must not count as the caller falling silent.
        let recording = Recording(RecordingRequest(writer: try WAVWriter(path: path), maxSeconds: 30, silenceSeconds: 1, beep: false))
        var now = MonotonicTime(nanoseconds: 100_000_000_000)
        recording.start(now: now)
        var timestamp: UInt32 = 4000
        func feed(_ frames: Int) throws -> String? {
            for index in 0..<frames {
                now = now + .milliseconds(20)
                timestamp &+= 160
                if let reason = try recording.record(Self.frame(index), timestamp: timestamp, now: now) { return reason }
                if let reason = recording.check(now: now) { return reason }
            }
            return nil
        }
        #expect(try feed(50) == nil)
        recording.paused = true
        #expect(try feed(75) == nil, "a paused recording does not end for silence")
        recording.paused = false
        #expect(try feed(50) == nil)
        _ = try recording.finish()

        let samples = try WAVFile(contentsOf: path).samples
        #expect(samples.count == 175 * 160, "every frame is in the file, paused or not")
        let before = Array(samples[0..<8000]), paused = Array(samples[8000..<20_000]), after = Array(samples[20_000...])
        #expect(paused.allSatisfy { $0 == 0 })
        #expect(toneStats(before).rms > 9000 && toneStats(after).rms > 9000)
    }

    @Test func aPausedBridgeRecordingWritesSilenceOnBothChannels() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("bridge.wav")
        let recording = BridgeRecording(writer: try WAVWriter(path: path, channels: 2))
        for index in 0..<30 {
            recording.paused = (10..<20).contains(index)
            recording.push(Self.frame(index), channel: 0)
            recording.push(Self.frame(index + 7), channel: 1)
            try recording.tick()
        }
        _ = try recording.finish()

        let wav = try WAVFile(contentsOf: path)
        #expect(wav.frameCount == 30 * 160, "one frame per tick, paused or not")
        for channel in 0..<2 {
            let samples = wav.channel(channel)
            #expect(samples[1600..<3200].allSatisfy { $0 == 0 }, "channel \(channel) is silent while paused")
            #expect(toneStats(Array(samples[0..<1600])).rms > 9000 && toneStats(Array(samples[3200...])).rms > 9000)
        }
    }

    @Test func aRecordingStartedWhileTheLegIsPausedStartsPaused() async throws {
        let fixture = try EngineFixture()
        let folder = try TemporaryDirectory()
        defer { fixture.tearDown(); folder.remove() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        leg.setRecordingPaused(true)
        try leg.startRecording(path: folder.file("started-paused.wav"), maxSeconds: 1, silenceSeconds: nil, beep: false)
        fixture.peer.sendAudio(AudioClip.tone(hz: 440, seconds: 1.2, amplitude: 0.5).samples, to: leg.localPort)
        #expect(await eventually { log.recording != nil })
        #expect(log.recording?.reason == "max_length")
        let samples = try WAVFile(contentsOf: folder.file("started-paused.wav")).samples
        #expect(abs(samples.count - 8000) <= 160)
        #expect(samples.allSatisfy { $0 == 0 })
    }

    @Test func resumingALegRecordingRecordsAgain() async throws {
        let fixture = try EngineFixture()
        let folder = try TemporaryDirectory()
        defer { fixture.tearDown(); folder.remove() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        leg.setRecordingPaused(true)
        leg.setRecordingPaused(false)
        try leg.startRecording(path: folder.file("resumed.wav"), maxSeconds: 1, silenceSeconds: nil, beep: false)
        fixture.peer.sendAudio(AudioClip.tone(hz: 440, seconds: 1.2, amplitude: 0.5).samples, to: leg.localPort)
        #expect(await eventually { log.recording != nil })
        #expect(toneStats(try WAVFile(contentsOf: folder.file("resumed.wav")).samples).rms > 9000)
    }
}

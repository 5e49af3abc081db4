@testable import Media
import Foundation
import Testing

/// A bridge recorded into one stereo WAV: caller left, agent right, aligned in time.
@Suite struct BridgeRecordingTests {
    @Test func bothSidesLandOnTheirOwnChannel() async throws {
        let pair = try BridgeTests.Pair(codecA: .pcmu, codecB: .pcma)
        defer { pair.tearDown() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-bridge-\(UUID().uuidString).wav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let logA = EventLog(pair.a)
        try pair.a.bridge(with: pair.b, recordingTo: path)
        // The caller says 440 Hz, the agent 1000 Hz, half a second each, at the same time.
        pair.caller.sendAudio(AudioClip.tone(hz: 440, seconds: 0.5, amplitude: 0.5).samples, codec: .pcmu, to: pair.a.localPort, ssrc: 7)
        pair.agent.sendAudio(AudioClip.tone(hz: 1000, seconds: 0.5, amplitude: 0.5).samples, codec: .pcma, to: pair.b.localPort, ssrc: 8)
        #expect(await eventually { pair.a.stats.packetsReceived == 25 && pair.b.stats.packetsReceived == 25 })
        // Let the ticks write what was received, then end the bridge.
        #expect(await eventually { ((try? WAVFile(contentsOf: path))?.frameCount ?? 0) >= 8000 })
        pair.a.unbridge()
        #expect(await eventually { logA.events.contains { if case .recordingFinished(path, _, "bridge_ended") = $0 { true } else { false } } })

        let wav = try WAVFile(contentsOf: path)
        #expect(wav.channels == 2)
        #expect(wav.sampleRate == 8000)
        // The test sends each side's packets in one burst; the recorder keeps at most 0.2 s of jitter
        // per side, so look at the frames that hold sound.
        func voiced(_ samples: [Int16]) -> [Int16] {
            stride(from: 0, to: samples.count - 159, by: 160).map { Array(samples[$0..<$0 + 160]) }
                .filter { RecordingMeter.rms($0) > 1000 }.flatMap { $0 }
        }
        let leftVoice = voiced(wav.channel(0)), rightVoice = voiced(wav.channel(1))
        #expect(leftVoice.count >= 1600 && rightVoice.count >= 1600)
        let left = toneStats(leftVoice), right = toneStats(rightVoice)
        // Each side's tone is on its own channel: zero crossings follow the frequency.
        #expect(abs(left.crossingsPerSecond - 880) < 120, "left \(left)")
        #expect(abs(right.crossingsPerSecond - 2000) < 200, "right \(right)")
    }

    @Test func closingALegEndsTheRecording() async throws {
        let pair = try BridgeTests.Pair(codecA: .pcmu, codecB: .pcmu)
        defer { pair.tearDown() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-bridge-\(UUID().uuidString).wav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let logA = EventLog(pair.a)
        try pair.a.bridge(with: pair.b, recordingTo: path)
        pair.b.close()
        #expect(await eventually { logA.events.contains { if case .recordingFinished(path, _, "bridge_ended") = $0 { true } else { false } } })
    }

    /// A supervisor joins a recorded queue call: caller and agent move into a room and back, and
    /// the one recording runs on through it all, both voices on their own channels.
    @Test func theRecordingGoesOnThroughARoomAndBack() async throws {
        let pair = try BridgeTests.Pair(codecA: .pcmu, codecB: .pcmu)
        defer { pair.tearDown() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("callgate-bridge-\(UUID().uuidString).wav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let logA = EventLog(pair.a)
        try pair.a.bridge(with: pair.b, recordingTo: path)
        func finished() -> Int { logA.events.count { if case .recordingFinished(path, _, _) = $0 { true } else { false } } }

        let room = pair.fixture.engine.openRoom()
        pair.a.join(room)
        pair.b.join(room)
        pair.caller.sendAudio(AudioClip.tone(hz: 440, seconds: 0.5, amplitude: 0.5).samples, codec: .pcmu, to: pair.a.localPort, ssrc: 7)
        pair.agent.sendAudio(AudioClip.tone(hz: 1000, seconds: 0.5, amplitude: 0.5).samples, codec: .pcmu, to: pair.b.localPort, ssrc: 8)
        #expect(await eventually { pair.a.stats.packetsReceived == 25 && pair.b.stats.packetsReceived == 25 })
        #expect(await eventually { ((try? WAVFile(contentsOf: path))?.frameCount ?? 0) >= 8000 }, "still written in the room")

        pair.a.leaveRoom()
        pair.b.leaveRoom()
        pair.a.bridge(with: pair.b)
        let before = (try? WAVFile(contentsOf: path))?.frameCount ?? 0
        #expect(await eventually { ((try? WAVFile(contentsOf: path))?.frameCount ?? 0) >= before + 4000 }, "and after, in the bridge again")
        #expect(finished() == 0, "one recording, never cut")

        pair.a.unbridge()
        #expect(await eventually { finished() == 1 })
        let wav = try WAVFile(contentsOf: path)
        #expect(wav.channel(0).contains { abs(Int($0)) > 8000 } && wav.channel(1).contains { abs(Int($0)) > 8000 }, "both voices are in it")
    }
}

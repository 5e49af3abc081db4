@testable import Media
import Testing

@Suite struct EchoTests {
    /// Ten distinct 20 ms frames: each comes back once, payload untouched, in the leg's own stream.
    @Test func whatArrivesGoesStraightBack() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        leg.startEcho()
        let voice = AudioClip.tone(hz: 440, seconds: 0.2, amplitude: 0.5).samples
        let frames = stride(from: 0, to: voice.count, by: 160).map { Codec.pcmu.encode(voice[$0..<$0 + 160]) }
        fixture.peer.sendAudio(voice, to: leg.localPort, ssrc: 0xCA11)
        #expect(await eventually { fixture.peer.count == 10 })

        let back = fixture.peer.packets
        #expect(back.map(\.payload) == frames)
        #expect(back.allSatisfy { $0.ssrc != 0xCA11 && $0.payloadType == Codec.pcmu.payloadType })
        #expect(zip(back, back.dropFirst()).allSatisfy {
            $1.sequenceNumber == $0.sequenceNumber &+ 1 && $1.timestamp == $0.timestamp &+ 160
        })
    }

    @Test func echoStopsPlaybackAndStopEchoStopsTheEcho() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        leg.play(.tone(hz: 1000, seconds: 30), id: 1)
        #expect(await eventually { fixture.peer.count >= 2 })
        leg.startEcho()
        let voice = AudioClip.tone(hz: 440, seconds: 0.1, amplitude: 0.5).samples
        let frames = Set(stride(from: 0, to: voice.count, by: 160).map { Codec.pcmu.encode(voice[$0..<$0 + 160]) })
        fixture.peer.sendAudio(voice, to: leg.localPort, ssrc: 7)
        #expect(await eventually { fixture.peer.packets.filter { frames.contains($0.payload) }.count == 5 })

        leg.stopEcho()
        // Commands apply in order, but a packet already waiting on the socket may be read before
        // the stop: wait until a clip queued after the stop has played, then send the second batch.
        leg.play(.silence(seconds: 0.02), id: 3)
        #expect(await eventually { log.contains(.playbackFinished(3)) })
        fixture.peer.sendAudio(voice, to: leg.localPort, ssrc: 7, firstSequence: 3000, firstTimestamp: 300_000)
        #expect(await eventually { leg.stats.packetsReceived == 10 })
        // Commands apply in order: the marker clip is played after the stop, so by its end any echo would have gone out.
        leg.play(.silence(seconds: 0.02), id: 2)
        #expect(await eventually { log.contains(.playbackFinished(2)) })
        #expect(fixture.peer.packets.filter { frames.contains($0.payload) }.count == 5)
        #expect(!log.contains(.playbackFinished(1)))
    }
}

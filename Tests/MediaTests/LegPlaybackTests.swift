@testable import Media
import Testing

@Suite struct LegPlaybackTests {
    @Test(arguments: [Codec.pcmu, .pcma])
    func aSecondOfAudioIsFiftyPacedPackets(codec: Codec) async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg(codec: codec)
        let log = EventLog(leg)
        let clip = AudioClip.tone(hz: 440, seconds: 1)
        leg.play(clip, id: 7)

        #expect(await eventually { log.contains(.playbackFinished(7)) })
        let packets = fixture.peer.packets  // every packet was sent before the event
        #expect(packets.count == 50)
        guard let first = packets.first else { return }
        for (index, packet) in packets.enumerated() {
            #expect(packet.sequenceNumber == first.sequenceNumber &+ UInt16(index))
            #expect(packet.timestamp == first.timestamp &+ UInt32(160 * index))
            #expect(packet.payloadType == codec.payloadType)
            #expect(packet.ssrc == first.ssrc)
            #expect(packet.marker == (index == 0))
            #expect(packet.payload.count == 160)
        }
        #expect(packets.flatMap { codec.decode($0.payload) } == codec.decode(codec.encode(clip.samples)))
        #expect(leg.stats.packetsSent == 50)
        #expect(leg.stats.bytesSent == 50 * 172)
    }

    @Test func clipsPlayInOrderAndTheStreamContinues() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        leg.play(.tone(hz: 440, seconds: 0.1), id: 1)
        leg.play(.tone(hz: 880, seconds: 0.1), id: 2)
        #expect(await eventually { log.contains(.playbackFinished(2)) })
        leg.play(.tone(hz: 440, seconds: 0.2), id: 3)
        #expect(await eventually { log.contains(.playbackFinished(3)) })

        #expect(log.events == [.playbackFinished(1), .playbackFinished(2), .playbackFinished(3)])
        let packets = fixture.peer.packets
        #expect(packets.count == 20)
        let sequences = packets.map(\.sequenceNumber)
        #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $1 == $0 &+ 1 })
        #expect(Set(packets.map(\.ssrc)).count == 1)
        // The timestamp keeps the media clock across the pause: it never runs backwards or repeats.
        let timestamps = packets.map(\.timestamp)
        #expect(zip(timestamps, timestamps.dropFirst()).allSatisfy { Int32(bitPattern: $1 &- $0) >= 160 })
    }

    @Test func stopPlaybackDropsTheQueueSilently() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        leg.play(.tone(hz: 440, seconds: 30), id: 1)
        leg.play(.tone(hz: 440, seconds: 30), id: 2)
        #expect(await eventually { fixture.peer.count >= 3 })
        leg.stopPlayback()
        leg.play(.silence(seconds: 0.04), id: 3)
        #expect(await eventually { log.contains(.playbackFinished(3)) })
        #expect(log.events == [.playbackFinished(3)])
    }

    @Test func onHoldNothingIsSentButPlaybackKeepsTime() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        leg.setSending(false)
        leg.play(.tone(hz: 440, seconds: 0.2), id: 1)
        #expect(await eventually { log.contains(.playbackFinished(1)) })
        #expect(fixture.peer.count == 0)
        leg.setSending(true)
        leg.play(.tone(hz: 440, seconds: 0.1), id: 2)
        #expect(await eventually { log.contains(.playbackFinished(2)) })
        #expect(fixture.peer.count == 5)
        #expect(fixture.peer.packets.first?.marker == true)
    }

    @Test func withoutARemoteTheLegAnswersWhoeverSendsFirst() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.engine.openLeg()
        let log = EventLog(leg)
        fixture.peer.sendAudio(AudioClip.silence(seconds: 0.02).samples, codec: .pcma, to: leg.localPort)
        #expect(await eventually { leg.stats.packetsReceived == 1 })
        leg.play(.tone(hz: 440, seconds: 0.1), id: 1)
        #expect(await eventually { log.contains(.playbackFinished(1)) })
        #expect(fixture.peer.count == 5)
        #expect(fixture.peer.packets.allSatisfy { $0.payloadType == Codec.pcma.payloadType })
    }

    @Test func packetsFromAnotherAddressAreIgnored() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        let log = EventLog(leg)
        let stranger = try TestPeer()
        defer { stranger.close() }
        var sequence: UInt16 = 0
        stranger.sendKey("1", timestamp: 100, sequence: &sequence, to: leg.localPort)
        stranger.sendRaw([1, 2, 3], to: leg.localPort)
        fixture.peer.sendKey("2", timestamp: 100, sequence: &sequence, to: leg.localPort)
        #expect(await eventually { log.dtmf == "2" })
        #expect(leg.stats.packetsIgnored == DTMFEncoder.events(for: "1")!.count + 1)
        #expect(log.dtmf == "2")
    }
}

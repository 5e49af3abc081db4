@testable import Media
import Testing

/// Rooms on a real engine: three legs, three far ends on UDP, three tones.
@Suite struct ConferenceTests {
    struct Room {
        let engine: MediaEngine
        let peers: [TestPeer]
        let legs: [MediaLeg]
        let room: MediaRoom

        init(codecs: [Codec] = [.pcmu, .pcmu, .pcmu]) throws {
            let engine = try MediaEngine(address: "127.0.0.1", portRange: TestPorts.range(), logger: .init(label: "test.media"))
            self.engine = engine
            let peers = try codecs.map { _ in try TestPeer() }
            self.peers = peers
            legs = try zip(codecs, peers).map { codec, peer in
                let leg = try engine.openLeg()
                try leg.setRemote(host: "127.0.0.1", port: peer.port, codec: codec, telephoneEvent: 101)
                return leg
            }
            room = engine.openRoom()
        }

        /// Sends `seconds` of each tone from its peer in real time, 20 ms a packet.
        func speak(_ tones: [Double?], seconds: Double, codecs: [Codec]) async {
            let encoders = codecs.map { $0.makeEncoder() }
            let clips = tones.map { $0.map { AudioClip.tone(hz: $0, seconds: seconds, amplitude: 0.3).samples } }
            let frames = Int(seconds * 50)
            for index in 0..<frames {
                for (peer, (clip, (leg, (codec, encoder)))) in zip(peers, zip(clips, zip(legs, zip(codecs, encoders)))) {
                    guard let clip else { continue }
                    let samples = Array(clip[index * 160..<(index + 1) * 160])
                    peer.send(RTPPacket(marker: index == 0, payloadType: codec.payloadType, sequenceNumber: UInt16(index),
                                        timestamp: UInt32(index * 160 * codec.clockPer8kSample), ssrc: 0xC0DE,
                                        payload: encoder.encode(samples)), to: leg.localPort)
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }

        /// What peer `index` heard, decoded to 8 kHz, after skipping the first `from` packets.
        func heard(_ index: Int, codec: Codec, from: Int = 0) -> [Int16] {
            let decoder = codec.makeDecoder()
            return peers[index].packets.dropFirst(from).flatMap { decoder.decode($0.payload) }
        }

        func tearDown() {
            engine.shutdown()
            for peer in peers { peer.close() }
        }
    }

    static let tones = [440.0, 700.0, 1100.0]

    @Test(arguments: [[Codec.pcmu, .pcmu, .pcmu], [.pcmu, .pcma, .g722]])
    func eachHearsTheOtherTwoAndNotItself(codecs: [Codec]) async throws {
        let room = try Room(codecs: codecs)
        defer { room.tearDown() }
        for leg in room.legs { leg.join(room.room) }
        // Members get a frame every tick, silence while nobody speaks.
        #expect(await eventually { room.peers.allSatisfy { $0.count >= 3 } })
        let before = room.peers.map(\.count)
        await room.speak(Self.tones, seconds: 1.5, codecs: codecs)
        for index in 0..<3 {
            // The last second: the tones had reached every jitter buffer by then.
            let audio = Array(room.heard(index, codec: codecs[index], from: before[index]).suffix(8000))
            let others = Self.tones.indices.filter { $0 != index }.map { Self.tones[$0] }
            for tone in others {
                #expect(toneShare(audio, hz: tone) > 0.25, "peer \(index) hears \(tone) Hz")
            }
            #expect(toneShare(audio, hz: Self.tones[index]) < 0.02, "peer \(index) does not hear its own \(Self.tones[index]) Hz")
        }
    }

    @Test func aMutedMemberIsNotHeardAndAPlayedClipTakesPrecedence() async throws {
        let codecs = [Codec.pcmu, .pcmu, .pcmu]
        let room = try Room(codecs: codecs)
        defer { room.tearDown() }
        for leg in room.legs { leg.join(room.room) }
        room.room.set(room.legs[0], muted: true)
        room.legs[2].play(.tone(hz: 1800, seconds: 5, amplitude: 0.3), id: 1)
        #expect(await eventually { room.peers.allSatisfy { $0.count >= 3 } })
        let before = room.peers.map(\.count)
        await room.speak(Self.tones, seconds: 1, codecs: codecs)
        let second = Array(room.heard(1, codec: .pcmu, from: before[1]).suffix(6000))
        #expect(toneShare(second, hz: 440) < 0.02, "the muted member is not heard")
        #expect(toneShare(second, hz: 1100) > 0.5)
        let third = Array(room.heard(2, codec: .pcmu, from: before[2]).suffix(6000))
        #expect(toneShare(third, hz: 1800) > 0.8, "the clip, not the room")
        let first = Array(room.heard(0, codec: .pcmu, from: before[0]).suffix(6000))
        #expect(toneShare(first, hz: 700) > 0.25 && toneShare(first, hz: 1100) > 0.25, "a muted member still hears the room")
    }

    @Test func aLegThatLeavesOrClosesIsOutOfTheMix() async throws {
        let codecs = [Codec.pcmu, .pcmu, .pcmu]
        let room = try Room(codecs: codecs)
        defer { room.tearDown() }
        for leg in room.legs { leg.join(room.room) }
        room.legs[0].leaveRoom()
        room.legs[1].close()
        #expect(await eventually { room.peers[2].count >= 3 })
        let before = room.peers[2].count
        await room.speak(Self.tones, seconds: 0.6, codecs: codecs)
        let third = room.heard(2, codec: .pcmu, from: before)
        #expect(third.allSatisfy { $0 == 0 }, "alone in the room: silence")
    }
}

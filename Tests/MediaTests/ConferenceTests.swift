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

        /// Sends `seconds` of each tone from its peer in real time, 20 ms a packet on an absolute
        /// schedule (a late wake-up sends a small burst, which the jitter buffer absorbs, not a gap).
        func speak(_ tones: [Double?], seconds: Double, codecs: [Codec]) async {
            let start = ContinuousClock.now
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
                try? await Task.sleep(until: start + .milliseconds(20 * (index + 1)), clock: .continuous)
            }
        }

        /// What peer `index` heard, decoded to 8 kHz, after skipping the first `from` packets and
        /// up to packet `to` (all when nil).
        func heard(_ index: Int, codec: Codec, from: Int = 0, to: Int? = nil) -> [Int16] {
            let decoder = codec.makeDecoder()
            let packets = peers[index].packets
            return packets[min(from, packets.count)..<min(to ?? packets.count, packets.count)].flatMap { decoder.decode($0.payload) }
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
        let after = room.peers.map(\.count)
        for index in 0..<3 {
            // While all spoke, after the first 200 ms (the tones reaching every jitter buffer).
            let audio = room.heard(index, codec: codecs[index], from: before[index] + 10, to: after[index])
            let others = Self.tones.indices.filter { $0 != index }.map { Self.tones[$0] }
            for tone in others {
                #expect(frameShare(audio, hz: tone) > 0.25, "peer \(index) hears \(tone) Hz")
            }
            #expect(frameShare(audio, hz: Self.tones[index]) < 0.02, "peer \(index) does not hear its own \(Self.tones[index]) Hz")
        }
    }

    @Test func aMutedMemberIsNotHeardAndAPlayedClipTakesPrecedence() async throws {
        let codecs = [Codec.pcmu, .pcmu, .pcmu]
        let room = try Room(codecs: codecs)
        defer { room.tearDown() }
        for leg in room.legs { leg.join(room.room) }
        room.room.set(room.legs[0], muted: true)
        // Long enough to outlast the test on a loaded machine: the whole window must fall inside it.
        room.legs[2].play(.tone(hz: 1800, seconds: 60, amplitude: 0.3), id: 1)
        #expect(await eventually { room.peers.allSatisfy { $0.count >= 3 } })
        let before = room.peers.map(\.count)
        await room.speak(Self.tones, seconds: 1, codecs: codecs)
        let after = room.peers.map(\.count)
        let second = room.heard(1, codec: .pcmu, from: before[1] + 10, to: after[1])
        #expect(frameShare(second, hz: 440) < 0.02, "the muted member is not heard")
        #expect(frameShare(second, hz: 1100) > 0.5)
        let third = room.heard(2, codec: .pcmu, from: before[2] + 10, to: after[2])
        #expect(frameShare(third, hz: 1800) > 0.8, "the clip, not the room")
        let first = room.heard(0, codec: .pcmu, from: before[0] + 10, to: after[0])
        #expect(frameShare(first, hz: 700) > 0.25 && frameShare(first, hz: 1100) > 0.25, "a muted member still hears the room")
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

extension ConferenceTests {
    /// Whisper on a real engine: the third leg is heard by the first only; muting it keeps that rule.
    @Test func anAudienceRuleHoldsOnTheWireAndSurvivesAMute() async throws {
        let codecs = [Codec.pcmu, .pcmu, .pcmu]
        let room = try Room(codecs: codecs)
        defer { room.tearDown() }
        room.legs[0].join(room.room)
        room.legs[1].join(room.room)
        room.legs[2].join(room.room, audience: .only([room.legs[0].participantID]))
        room.room.set(room.legs[2], muted: true)
        room.room.set(room.legs[2], muted: false)  // the audience stays .only([first])
        #expect(await eventually { room.peers.allSatisfy { $0.count >= 3 } })
        let before = room.peers.map(\.count)
        await room.speak([nil, nil, 1100], seconds: 1, codecs: codecs)
        let after = room.peers.map(\.count)
        let first = room.heard(0, codec: .pcmu, from: before[0] + 10, to: after[0])
        let second = room.heard(1, codec: .pcmu, from: before[1], to: after[1])
        #expect(frameShare(first, hz: 1100) > 0.8, "the agent hears the whisper")
        #expect(second.allSatisfy { $0 == 0 }, "the customer does not")
    }
}

/// The tone's share averaged over the 20 ms frames that carry sound: a late packet's gap (silence,
/// a phase jump) costs one frame, not the whole window as with one long Goertzel.
func frameShare(_ samples: [Int16], hz: Double) -> Double {
    let frames = stride(from: 0, to: samples.count - 159, by: 160).map { Array(samples[$0..<$0 + 160]) }
        .filter { RecordingMeter.rms($0) > 100 }
    guard !frames.isEmpty else { return 0 }
    return frames.map { toneShare($0, hz: hz) }.reduce(0, +) / Double(frames.count)
}

@testable import Media
import Testing

/// SDES-SRTP through real libsrtp2 sessions: what one side protects the other unprotects, and
/// nothing that fails authentication gets through.
@Suite struct SRTPTests {
    static func packet(sequence: UInt16 = 1, payload: [UInt8] = Codec.pcmu.encode(AudioClip.tone(hz: 440, seconds: 0.02).samples)) -> [UInt8] {
        RTPPacket(marker: false, payloadType: 0, sequenceNumber: sequence, timestamp: 160 * UInt32(sequence), ssrc: 0x5EC0_0001,
                  payload: payload).serialized()
    }

    @Test(arguments: SRTPSuite.allCases)
    func protectThenUnprotectRoundTrips(suite: SRTPSuite) throws {
        let key = SRTPKey.random()
        let sender = try SRTPSession(suite: suite, key: key, direction: .outbound)
        let receiver = try SRTPSession(suite: suite, key: key, direction: .inbound)
        for sequence in UInt16(1)...5 {
            let clear = Self.packet(sequence: sequence)
            let protected = try #require(sender.protect(clear))
            #expect(protected.count == clear.count + (suite == .aes128HmacSHA1_80 ? 10 : 4), "the authentication tag")
            #expect(Array(protected[0..<12]) == Array(clear[0..<12]), "the header stays clear")
            #expect(Array(protected[12..<clear.count]) != Array(clear[12...]), "the payload is encrypted")
            #expect(receiver.unprotect(protected) == clear)
        }
    }

    @Test func tamperedReplayedOrWronglyKeyedPacketsAreRefused() throws {
        let key = SRTPKey.random()
        let sender = try SRTPSession(suite: .aes128HmacSHA1_80, key: key, direction: .outbound)
        let receiver = try SRTPSession(suite: .aes128HmacSHA1_80, key: key, direction: .inbound)
        let stranger = try SRTPSession(suite: .aes128HmacSHA1_80, key: SRTPKey.random(), direction: .inbound)
        let first = try #require(sender.protect(Self.packet(sequence: 1)))
        var tampered = first
        tampered[20] ^= 0x01
        #expect(receiver.unprotect(tampered) == nil, "one flipped payload bit fails authentication")
        #expect(stranger.unprotect(first) == nil, "another key fails authentication")
        #expect(receiver.unprotect(first) != nil)
        #expect(receiver.unprotect(first) == nil, "a replay is refused")
        #expect(receiver.unprotect(Array(first.prefix(11))) == nil, "shorter than a header")
        #expect(receiver.unprotect(Self.packet(sequence: 2)) == nil, "clear RTP is refused")
    }

    @Test func keysAreFreshAndNeverPrinted() {
        let a = SRTPKey.random(), b = SRTPKey.random()
        #expect(a != b)
        #expect(a.bytes.count == 30)
        #expect(SRTPKey(bytes: [1, 2, 3]) == nil)
        let keys = SRTPKeys(suite: .aes128HmacSHA1_32, local: a, remote: b)
        for text in ["\(a)", "\(keys)", String(reflecting: a)] {
            #expect(!text.contains("\(a.bytes)") && text.contains("redacted"), "\(text)")
        }
    }

    /// A leg with SRTP in echo mode: the peer's SRTP comes back under the leg's own key; a packet
    /// that fails authentication is counted and never relayed.
    @Test func legUnprotectsOnArrivalAndProtectsOnSend() async throws {
        let fixture = try EngineFixture()
        defer { fixture.tearDown() }
        let leg = try fixture.leg()
        let peerKey = SRTPKey.random(), legKey = SRTPKey.random()
        leg.setCrypto(SRTPKeys(suite: .aes128HmacSHA1_80, local: legKey, remote: peerKey))
        leg.startEcho()
        let peerSends = try SRTPSession(suite: .aes128HmacSHA1_80, key: peerKey, direction: .outbound)
        let peerHears = try SRTPSession(suite: .aes128HmacSHA1_80, key: legKey, direction: .inbound)
        let voice = Codec.pcmu.encode(AudioClip.tone(hz: 440, seconds: 0.02).samples)

        var forged = try #require(peerSends.protect(Self.packet(sequence: 1, payload: voice)))
        forged[forged.count - 1] ^= 0xFF  // a broken tag
        fixture.peer.sendRaw(forged, to: leg.localPort)
        #expect(await eventually { leg.stats.packetsRefused == 1 })
        for sequence in UInt16(2)...4 {
            fixture.peer.sendRaw(try #require(peerSends.protect(Self.packet(sequence: sequence, payload: voice))), to: leg.localPort)
        }
        #expect(await eventually { fixture.peer.count == 3 }, "only the three good packets are echoed")
        let echoed = fixture.peer.packets.map { $0.serialized() }
        for bytes in echoed {
            #expect(Array(bytes.dropFirst(12).prefix(voice.count)) != voice, "sent encrypted")
            let clear = try #require(peerHears.unprotect(bytes), "protected with the leg's key")
            #expect(Array(clear.dropFirst(12)) == voice)
        }
        #expect(leg.stats.packetsReceived == 3)
        #expect(leg.stats.packetsRefused == 1)
    }
}

@testable import Media
import Testing

/// Symmetric RTP's rules, without sockets: who may take a leg's stream when RTP arrives from
/// somewhere other than the SDP's address.
@Suite struct RTPLatchTests {
    let sdp = try! SocketAddress(host: "192.168.1.20", port: 4000)  // what the phone wrote behind its NAT
    let nat = try! SocketAddress(host: "203.0.113.7", port: 61_000)  // where its RTP comes from
    let natMoved = try! SocketAddress(host: "203.0.113.7", port: 61_002)
    let stranger = try! SocketAddress(host: "198.51.100.9", port: 61_000)
    var signalling: UInt32 { nat.address }

    @Test func offTakesOnlyTheSDPAddress() {
        var latch = RTPLatch(policy: .off, signallingAddress: signalling)
        #expect(latch.decide(source: sdp, ssrc: 1, remote: sdp) == .take)
        #expect(latch.decide(source: nat, ssrc: 1, remote: sdp) == .ignore)
    }

    @Test func signallingIPLatchesToThePeersNATAndFollowsItsPorts() {
        var latch = RTPLatch(policy: .signallingIP, signallingAddress: signalling)
        #expect(latch.decide(source: stranger, ssrc: 1, remote: sdp) == .ignore, "another IP never takes the stream")
        #expect(latch.decide(source: nat, ssrc: 1, remote: sdp) == .latch)
        #expect(latch.decide(source: nat, ssrc: 1, remote: nat) == .take)
        #expect(latch.decide(source: natMoved, ssrc: 2, remote: nat) == .latch, "a new stream from the same IP re-latches")
        #expect(latch.decide(source: stranger, ssrc: 2, remote: natMoved) == .ignore)
    }

    @Test func strictReLatchesOnlyTheSameStream() {
        var latch = RTPLatch(policy: .strict, signallingAddress: signalling)
        #expect(latch.decide(source: nat, ssrc: 7, remote: sdp) == .latch)
        #expect(latch.decide(source: natMoved, ssrc: 8, remote: nat) == .ignore, "another phone behind the same NAT")
        #expect(latch.decide(source: natMoved, ssrc: 7, remote: nat) == .latch, "the NAT moved the same stream")
        #expect(latch.decide(source: stranger, ssrc: 7, remote: natMoved) == .ignore)
    }

    @Test func withoutASignallingAddressNothingLatches() {
        var latch = RTPLatch(policy: .signallingIP, signallingAddress: nil)
        #expect(latch.decide(source: nat, ssrc: 1, remote: sdp) == .ignore)
    }
}

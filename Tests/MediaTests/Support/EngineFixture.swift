import Logging
@testable import Media

/// An engine on its own port range, a leg on it and a test peer as the far end.
struct EngineFixture {
    let engine: MediaEngine
    let peer: TestPeer

    init(rtpTimeout: Duration = .seconds(30), portRange: ClosedRange<UInt16> = TestPorts.range()) throws {
        engine = try MediaEngine(address: "127.0.0.1", portRange: portRange, rtpTimeout: rtpTimeout,
                                 logger: Logger(label: "test.media"))
        peer = try TestPeer()
    }

    /// A leg sending to the peer.
    func leg(codec: Codec = .pcmu, telephoneEvent: UInt8? = 101) throws -> MediaLeg {
        let leg = try engine.openLeg()
        try leg.setRemote(host: "127.0.0.1", port: peer.port, codec: codec, telephoneEvent: telephoneEvent)
        return leg
    }

    func tearDown() {
        engine.shutdown()
        peer.close()
    }
}

/// Symmetric RTP (RFC 4961) for peers behind a NAT, as Asterisk's `comedia` and rtpengine's
/// latching do it: the SDP of a phone behind a NAT names an address nobody outside its home can
/// reach, so the leg sends to where the phone's RTP really comes from. Only sources on the
/// signalling peer's IP may take the stream, so that a stranger spraying packets at the engine's
/// ports cannot capture a call's audio.
public enum RTPLatching: String, Sendable, Hashable, CaseIterable {
    /// Latch to the first valid RTP from the signalling peer's IP (any port), and re-latch to
    /// another port of that IP only for the stream already latched (the same SSRC): a NAT that
    /// moves the mapping mid-call. Another phone behind the same NAT cannot take the stream over.
    case strict
    /// Latch to the first valid RTP from the signalling peer's IP, and re-latch to any other port
    /// of that IP (a phone that restarts its stream, for example after hold, with a new SSRC).
    case signallingIP = "signalling_ip"
    /// No latching: send to the SDP's address and take packets only from it.
    case off
}

/// The latching decision for one leg: pure, so every rule is tested without sockets.
struct RTPLatch: Sendable, Hashable {
    var policy: RTPLatching = .off
    /// The IPv4 address (network byte order) the leg's SIP peer signals from; nil: unknown, so
    /// no latching.
    var signallingAddress: UInt32?
    /// The SSRC of the stream latched to, once latched.
    private(set) var ssrc: UInt32?

    init(policy: RTPLatching = .off, signallingAddress: UInt32? = nil) {
        self.policy = policy
        self.signallingAddress = signallingAddress
    }

    enum Decision: Equatable {
        /// The packet is from the current remote: take it.
        case take
        /// Take it and send to `source` from now on.
        case latch
        /// Not from a source this leg accepts.
        case ignore
    }

    /// Whether a packet from `source` could move the stream (checked before the costlier SRTP
    /// authentication of a packet that is not from the current remote).
    func mayLatch(to source: SocketAddress) -> Bool {
        policy != .off && signallingAddress == source.address
    }

    /// What to do with a valid RTP packet (one of the leg's negotiated payload types) from
    /// `source`, `remote` being where the leg sends now.
    mutating func decide(source: SocketAddress, ssrc packetSSRC: UInt32, remote: SocketAddress) -> Decision {
        if source == remote {
            if policy != .off, ssrc == nil, source.address == signallingAddress { ssrc = packetSSRC }
            return .take
        }
        guard policy != .off, let signallingAddress, source.address == signallingAddress else { return .ignore }
        if policy == .strict, let ssrc, ssrc != packetSSRC { return .ignore }
        ssrc = packetSSRC
        return .latch
    }
}

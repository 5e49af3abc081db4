/// Why a datagram is not an RTP packet.
public enum RTPParseError: Error, Sendable, Hashable {
    /// Shorter than its own header says.
    case truncated
    /// Not RTP version 2 (STUN, RTCP on the wrong port, garbage...).
    case badVersion(UInt8)
    /// The padding count is zero or longer than the payload.
    case badPadding
}

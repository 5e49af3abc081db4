/// Whether a leg's audio is SDES-SRTP (RFC 4568): never, when the peer offers it, or always.
public enum SRTPPolicy: String, Sendable, Hashable, CaseIterable {
    /// Clear RTP only: crypto lines are ignored, an RTP/SAVP-only offer gets 488.
    case off
    /// Either: an offer with a usable crypto line is answered with one, a clear offer in clear.
    case optional
    /// SRTP only: a clear offer gets 488, and our offers are RTP/SAVP.
    case required
}

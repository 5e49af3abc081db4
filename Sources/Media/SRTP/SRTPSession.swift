import CSRTP

/// Why an SRTP session could not be made: libsrtp2's status code (never the key).
public struct SRTPError: Error, Sendable, Hashable, CustomStringConvertible {
    public let status: Int64
    public let operation: String
    public var description: String { "libsrtp2 \(operation) failed with status \(status)" }
}

/// One libsrtp2 session for one direction of one leg: outbound (protect with our key) or inbound
/// (unprotect with the peer's). Any SSRC: the peer's stream is learnt from its first packet.
///
/// - warning: Not thread-safe, like libsrtp2's contexts: owned and used by the media thread only
///   (or by one test).
final class SRTPSession {
    enum Direction { case outbound, inbound }

    /// libsrtp2 wants `srtp_init()` once per process before any session; a global is initialised once.
    private static let initialised = Int64(srtp_init().rawValue)

    private var context: srtp_t?
    let suite: SRTPSuite

    init(suite: SRTPSuite, key: SRTPKey, direction: Direction) throws(SRTPError) {
        guard Self.initialised == 0 else { throw SRTPError(status: Self.initialised, operation: "srtp_init") }
        self.suite = suite
        var policy = srtp_policy_t()
        switch suite {
        case .aes128HmacSHA1_80: srtp_crypto_policy_set_rtp_default(&policy.rtp)  // the _80 setter is a macro for it
        case .aes128HmacSHA1_32: srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp)
        }
        srtp_crypto_policy_set_rtcp_default(&policy.rtcp)  // SRTCP: always the 80-bit tag (RFC 4568 §6.2)
        policy.ssrc.type = direction == .outbound ? ssrc_any_outbound : ssrc_any_inbound
        policy.window_size = 128
        policy.allow_repeat_tx = 0
        policy.next = nil
        var material = key.bytes
        var created: srtp_t?
        let status = material.withUnsafeMutableBufferPointer { buffer in
            policy.key = buffer.baseAddress
            defer { policy.key = nil }
            return srtp_create(&created, &policy)
        }
        // libsrtp2 has derived its session keys: our copy of the master key is not needed any more.
        for index in material.indices { material[index] = 0 }
        guard status == srtp_err_status_ok, let created else {
            throw SRTPError(status: Int64(status.rawValue), operation: "srtp_create")
        }
        context = created
    }

    deinit {
        if let context { srtp_dealloc(context) }
    }

    /// The SRTP packet for a serialized RTP packet; nil when libsrtp2 refuses it.
    func protect(_ rtp: [UInt8]) -> [UInt8]? {
        guard let context else { return nil }
        var buffer = rtp + [UInt8](repeating: 0, count: Int(csrtp_max_trailer_len()))
        var length = Int32(rtp.count)
        let status = buffer.withUnsafeMutableBytes { srtp_protect(context, $0.baseAddress, &length) }
        guard status == srtp_err_status_ok, length >= 0, Int(length) <= buffer.count else { return nil }
        buffer.removeLast(buffer.count - Int(length))
        return buffer
    }

    /// The RTP packet inside an SRTP packet; nil when it fails authentication, is a replay, or is
    /// not SRTP at all.
    func unprotect(_ srtp: [UInt8]) -> [UInt8]? {
        guard let context, srtp.count >= 12 else { return nil }
        var buffer = srtp
        var length = Int32(srtp.count)
        let status = buffer.withUnsafeMutableBytes { srtp_unprotect(context, $0.baseAddress, &length) }
        guard status == srtp_err_status_ok, length >= 12, Int(length) <= buffer.count else { return nil }
        buffer.removeLast(buffer.count - Int(length))
        return buffer
    }
}

/// Both directions of one leg's SRTP.
final class SRTPContext {
    let outbound: SRTPSession
    let inbound: SRTPSession

    init(_ keys: SRTPKeys) throws(SRTPError) {
        outbound = try SRTPSession(suite: keys.suite, key: keys.local, direction: .outbound)
        inbound = try SRTPSession(suite: keys.suite, key: keys.remote, direction: .inbound)
    }
}

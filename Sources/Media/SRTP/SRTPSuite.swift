/// The SDES-SRTP crypto suites a leg speaks (RFC 4568 §6.2): AES counter mode with a 128-bit key and
/// an HMAC-SHA1 tag of 80 or 32 bits on SRTP. SRTCP keeps its 80-bit tag with either suite.
public enum SRTPSuite: String, Sendable, Hashable, CaseIterable {
    case aes128HmacSHA1_80 = "AES_CM_128_HMAC_SHA1_80"
    case aes128HmacSHA1_32 = "AES_CM_128_HMAC_SHA1_32"

    /// The name in `a=crypto` lines.
    public var sdpName: String { rawValue }

    /// Master key and master salt, concatenated as `inline:` carries them: 16 + 14 bytes.
    public static let keyLength = 30
}

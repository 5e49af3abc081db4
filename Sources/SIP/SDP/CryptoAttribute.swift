/// One `a=crypto` line (RFC 4568 §9.1) we can use: tag, one of the two AES-CM-128 HMAC-SHA1 suites,
/// one `inline:` key||salt of 30 bytes, maybe a lifetime. Lines with an MKI, several keys or
/// session parameters are refused by the parser (nil), and the next line of the offer is tried.
///
/// - warning: The key is a secret: `description` is redacted, and SDP bodies are redacted with
///   `SessionDescription.redactingCrypto` before they are logged or stored.
public struct CryptoAttribute: Sendable, Hashable, CustomStringConvertible {
    /// The suites we speak, strongest tag first (the order of our offers).
    public static let supportedSuites = ["AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"]
    /// Key (16) and salt (14) of both suites.
    public static let keySaltLength = 30

    public var tag: Int
    public var suite: String
    public var keySalt: [UInt8]
    /// The key's lifetime in packets, if given (`2^31` or a number).
    public var lifetime: UInt64?

    public init(tag: Int, suite: String, keySalt: [UInt8], lifetime: UInt64? = nil) {
        self.tag = tag
        self.suite = suite
        self.keySalt = keySalt
        self.lifetime = lifetime
    }

    /// Parses what follows `a=crypto:`, e.g. `1 AES_CM_128_HMAC_SHA1_80 inline:KEY|2^20`.
    public init?(attributeValue value: some StringProtocol) {
        let fields = value.split(separator: " ", omittingEmptySubsequences: true)
        // Session parameters (KDR, UNENCRYPTED_SRTP, …) change what the keys mean: refused.
        guard fields.count == 3, let tag = Int(fields[0]), (0...999_999_999).contains(tag),
              Self.supportedSuites.contains(String(fields[1])) else { return nil }
        let keyParams = fields[2]
        guard keyParams.hasPrefix("inline:"), !keyParams.contains(";") else { return nil }  // one key only
        let parts = keyParams.dropFirst("inline:".count).split(separator: "|", omittingEmptySubsequences: false)
        // `KEY`, `KEY|LIFETIME`; an MKI (`|1:4`, in either place) is not supported.
        guard (1...2).contains(parts.count), let keySalt = Base64.decode(parts[0]), keySalt.count == Self.keySaltLength
        else { return nil }
        var lifetime: UInt64?
        if parts.count == 2 {
            let field = parts[1]
            if field.hasPrefix("2^") {
                guard let power = Int(field.dropFirst(2)), (1...63).contains(power) else { return nil }
                lifetime = UInt64(1) << UInt64(power)
            } else {
                guard let packets = UInt64(field), packets > 0 else { return nil }  // also refuses `1:4`
                lifetime = packets
            }
        }
        self.init(tag: tag, suite: String(fields[1]), keySalt: keySalt, lifetime: lifetime)
    }

    /// The value after `a=crypto:`, key included: for the SDP body only.
    public var attributeValue: String { "\(tag) \(suite) inline:\(Base64.encode(keySalt))" }

    public var description: String { "crypto:\(tag) \(suite) inline:<redacted>" }
}

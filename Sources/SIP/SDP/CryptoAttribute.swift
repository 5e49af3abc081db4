/// Whether a leg's audio is SDES-SRTP (RFC 4568): never, when the peer offers it, or always.
public enum SRTPPolicy: String, Sendable, Hashable, CaseIterable {
    /// Clear RTP only: crypto lines are ignored, an RTP/SAVP-only offer gets 488.
    case off
    /// Either: an offer with a usable crypto line is answered with one, a clear offer in clear.
    case optional
    /// SRTP only: a clear offer gets 488, and our offers are RTP/SAVP.
    case required
}

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

extension SessionDescription {
    /// `text` with the rest of every line that holds `crypto:` after its `inline:` replaced by
    /// `<redacted>`: for logs, trails and call records, which must never hold a key. Works on whole
    /// SDP bodies and on single lines of a SIP trace (indented, prefixed) alike.
    public static func redactingCrypto(_ text: String) -> String {
        guard text.contains("inline:") else { return text }
        var output = ""
        var line = ""
        func flush() {
            if let crypto = line.range(of: "crypto:"), let inline = line[crypto.upperBound...].range(of: "inline:") {
                output += String(line[..<inline.upperBound]) + "<redacted>"
            } else {
                output += line
            }
            line = ""
        }
        for character in text {
            if character.isNewline {
                flush()
                output.append(character)
            } else {
                line.append(character)
            }
        }
        flush()
        return output
    }

    /// The crypto lines of an offer to a peer: one per suite we speak, each with its own key
    /// (`keys` pairs with `supportedSuites`; each 30 bytes), tags 1, 2.
    public static func offeredCryptos(keys: [[UInt8]]) -> [CryptoAttribute] {
        zip(CryptoAttribute.supportedSuites, keys).enumerated().map { index, pair in
            CryptoAttribute(tag: index + 1, suite: pair.0, keySalt: pair.1)
        }
    }

    /// What the peer's answer chose among `offered`: our line (our key) and theirs (their key), or nil
    /// when the answer's audio carries no crypto line matching one of ours by tag and suite.
    public static func chosenCrypto(offered: [CryptoAttribute], answer: Media) -> NegotiatedCrypto? {
        for theirs in answer.cryptos {
            if let ours = offered.first(where: { $0.tag == theirs.tag && $0.suite == theirs.suite }) {
                return NegotiatedCrypto(suite: ours.suite, localKey: ours.keySalt, remoteKey: theirs.keySalt)
            }
        }
        return nil
    }
}

/// The outcome of SDES: the suite, our key||salt and the peer's. Redacted when printed.
public struct NegotiatedCrypto: Sendable, Hashable, CustomStringConvertible {
    public var suite: String
    public var localKey: [UInt8]
    public var remoteKey: [UInt8]

    public init(suite: String, localKey: [UInt8], remoteKey: [UInt8]) {
        self.suite = suite
        self.localKey = localKey
        self.remoteKey = remoteKey
    }

    public var description: String { "NegotiatedCrypto(\(suite), keys redacted)" }
}

private extension StringProtocol {
    func range(of needle: String) -> Range<Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }
}

import CSRTP

/// One SRTP master key with its salt (30 bytes), as an `a=crypto` line's `inline:` carries it.
///
/// - warning: Never print it. `description` is redacted so that string interpolation into a log,
///   an error or a trail cannot leak it; only the SDP body sent to the peer carries the bytes.
public struct SRTPKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let bytes: [UInt8]

    /// nil unless `bytes` is exactly `SRTPSuite.keyLength` long.
    public init?(bytes: [UInt8]) {
        guard bytes.count == SRTPSuite.keyLength else { return nil }
        self.bytes = bytes
    }

    /// A fresh key from the kernel's CSPRNG (getrandom(2)); one per leg and direction, never reused.
    public static func random() -> SRTPKey {
        var bytes = [UInt8](repeating: 0, count: SRTPSuite.keyLength)
        let status = bytes.withUnsafeMutableBytes { csrtp_random($0.baseAddress, $0.count) }
        // Linux has had getrandom(2) since 3.17; without it there is no safe key to make.
        precondition(status == 0, "getrandom(2) failed: no CSPRNG for SRTP keys")
        return SRTPKey(bytes: bytes)!
    }

    public var description: String { "SRTPKey(redacted)" }
    public var debugDescription: String { description }
}

/// What a leg needs to speak SRTP: the negotiated suite, our key (we protect with it) and the
/// peer's key (we unprotect with it). Redacted when printed.
public struct SRTPKeys: Sendable, Hashable, CustomStringConvertible {
    public var suite: SRTPSuite
    public var local: SRTPKey
    public var remote: SRTPKey

    public init(suite: SRTPSuite, local: SRTPKey, remote: SRTPKey) {
        self.suite = suite
        self.local = local
        self.remote = remote
    }

    public var description: String { "SRTPKeys(\(suite.sdpName), keys redacted)" }
}

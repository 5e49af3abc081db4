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

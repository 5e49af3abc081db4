/// SIP over TLS: where the TLS listener binds, the folder Sofia reads its certificate from, and
/// the oldest TLS version accepted. Prepare the folder with ``TLSMaterial/prepare(certificate:key:directory:)``.
public struct SIPTLSSettings: Sendable, Equatable {
    /// "host:port" of the TLS listener (TCP), e.g. "0.0.0.0:5061". Must not be `SIPSettings.listen`'s port.
    public var listen: String
    /// Holds `agent.pem` (key and certificate) and `cafile.pem` (the certificate chain), as Sofia expects.
    public var certificateDirectory: String
    public var minimumVersion: TLSMinimumVersion

    public init(listen: String, certificateDirectory: String, minimumVersion: TLSMinimumVersion = .v1_2) {
        self.listen = listen
        self.certificateDirectory = certificateDirectory
        self.minimumVersion = minimumVersion
    }
}

/// The oldest TLS protocol version the listener (and our TLS connections out) accept.
public enum TLSMinimumVersion: String, Sendable, Equatable {
    case v1_2 = "1.2"
    case v1_3 = "1.3"
}

import Foundation

/// A registrar binding (a phone registered for an extension), kept so that phones stay
/// reachable across a restart of the engine.
public struct StoredBinding: Sendable, Hashable {
    /// The address of record: the extension, such as `1001`.
    public var aor: String
    /// Where to reach the phone: its Contact URI.
    public var contact: String
    public var expiresAt: Date
    /// The `ip:port` the REGISTER came from.
    public var source: String
    public var userAgent: String?
    /// Where requests go when the phone is behind a NAT (the source address); nil: the Contact.
    public var target: String?

    public init(aor: String, contact: String, expiresAt: Date, source: String, userAgent: String? = nil, target: String? = nil) {
        self.aor = aor
        self.contact = contact
        self.expiresAt = expiresAt
        self.source = source
        self.userAgent = userAgent
        self.target = target
    }
}

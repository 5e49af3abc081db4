/// One contact binding accepted by the registrar. `expires == 0` means the binding was removed.
public struct Registration: Sendable, Hashable {
    public var user: String
    /// The contact URI to send INVITEs to, e.g. "sip:1001@192.0.2.7:5062;transport=udp".
    public var contact: String
    /// Seconds the binding lasts, already clamped to 60...3600; 0 = removed.
    public var expires: Int
    /// "ip:port" the REGISTER came from (useful behind NAT).
    public var source: String
    public var userAgent: String?
    /// The next hop for requests to this binding when the phone is behind a NAT (its Contact is
    /// not where the REGISTER came from): the source address and transport (``NATContact``).
    public var target: String?

    public init(user: String, contact: String, expires: Int, source: String, userAgent: String?, target: String? = nil) {
        self.user = user
        self.contact = contact
        self.expires = expires
        self.source = source
        self.userAgent = userAgent
        self.target = target
    }
}

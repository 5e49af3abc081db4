/// A name-addr as found in From and To: `"Alice" <sip:1001@example.com:5060>`.
public struct SIPAddress: Sendable, Hashable {
    public var user: String
    public var host: String
    public var port: UInt16?
    public var displayName: String?
    /// The URI as received, or built from user, host and port when empty.
    public var uri: String

    public init(user: String, host: String, port: UInt16? = nil, displayName: String? = nil, uri: String = "") {
        self.user = user
        self.host = host
        self.port = port
        self.displayName = displayName
        self.uri = uri
    }

    /// `uri`, or `sip:user@host[:port]` when `uri` is empty; the user part is percent-escaped
    /// (`SIPText.escapedUser`), so a user that came from the network cannot break out of the URI.
    public var effectiveURI: String {
        if !uri.isEmpty { return uri }
        let userPart = user.isEmpty ? "" : "\(SIPText.escapedUser(user))@"
        let portPart = port.map { ":\($0)" } ?? ""
        return "sip:\(userPart)\(host)\(portPart)"
    }

    /// The value of a From or To header: the display name as a quoted-string
    /// (`SIPText.quotedDisplayName`), the URI in angle brackets.
    public var headerValue: String {
        guard let name = displayName, !name.isEmpty else { return "<\(effectiveURI)>" }
        return "\(SIPText.quotedDisplayName(name)) <\(effectiveURI)>"
    }
}

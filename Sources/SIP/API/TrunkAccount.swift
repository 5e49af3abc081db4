/// Our account at a carrier, used toward one trunk: the digest credentials that answer its
/// challenges to our INVITEs, and, with `register`, a registration kept up while the stack runs.
public struct TrunkAccount: Sendable, Hashable {
    /// The trunk's name, for logs and the registration status.
    public var trunk: String
    /// The carrier's host and port: INVITEs sent there are answered with these credentials, and
    /// the REGISTER goes there.
    public var host: String
    public var port: UInt16
    /// `;transport=tls` on the REGISTER's request URI.
    public var tls = false
    /// The account: From's user, and the REGISTER's To and Contact user.
    public var username: String
    /// The digest user name; nil: `username`.
    public var authUsername: String?
    public var password: String
    /// The realm to answer; nil: the one the challenge names.
    public var realm: String?
    public var register = false
    /// The expiry asked for in REGISTER, in seconds.
    public var registerExpires = 3600
    /// The domain of the address of record (`sip:username@domain`); nil: `host`.
    public var domain: String?

    public init(trunk: String, host: String, port: UInt16, username: String, password: String) {
        self.trunk = trunk
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// Whether a request to `uri` goes to this carrier (same host, same port; 5060 when none).
    public func isCarrier(of uri: String) -> Bool {
        guard let parts = SIPURIParts(uri) else { return false }
        let hostPort = parts.hostPort
        let host: Substring, port: Substring?
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let rest = hostPort[hostPort.index(after: close)...]
            port = rest.hasPrefix(":") ? rest.dropFirst() : nil
        } else {
            let pieces = hostPort.split(separator: ":", maxSplits: 1)
            host = pieces.first ?? ""
            port = pieces.count > 1 ? pieces[1] : nil
        }
        let bare = self.host.hasPrefix("[") ? String(self.host.dropFirst().dropLast()) : self.host
        return host.lowercased() == bare.lowercased() && (port.flatMap { UInt16($0) } ?? 5060) == self.port
    }

    /// Sofia's credential string for a challenge in `quotedRealm` (as the challenge has it,
    /// quotes included): `Digest:"realm":user:password`.
    func credentials(quotedRealm: String) -> String {
        let realm = self.realm.map { "\"\($0)\"" } ?? quotedRealm
        return "Digest:\(realm):\(authUsername ?? username):\(password)"
    }

    /// `sip:username@domain`: the registration's address of record.
    var addressOfRecord: String {
        "sip:\(SIPText.escapedUser(username))@\(domain ?? hostForURI)"
    }

    /// Where the REGISTER goes.
    var registrar: String {
        "sip:\(hostForURI):\(port)" + (tls ? ";transport=tls" : "")
    }

    private var hostForURI: String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}

/// Where a trunk's registration stands (`SIPStack.trunkRegistrations()`).
public struct TrunkRegistrationStatus: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// REGISTER sent, no final answer yet.
        case registering
        /// The carrier accepted it; Sofia refreshes it before it expires.
        case registered
        /// Refused or unanswered: retried after ``SofiaAgent/registrationRetrySeconds``.
        case failed
        /// Un-REGISTERed (at shutdown).
        case unregistered
    }

    public var trunk: String
    public var state: State
    /// The last final status (200, 403, 408…), if any.
    public var status: Int?
    public var reason: String
    /// The expiry the carrier granted, in seconds, while registered.
    public var expires: Int?
    /// REGISTERs the carrier accepted: the first and each of Sofia's refreshes.
    public var accepted = 0
}

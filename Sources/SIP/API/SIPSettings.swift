/// How the SIP front listens, names itself and whom it trusts.
public struct SIPSettings: Sendable {
    /// "host:port" bound for UDP and TCP alike. "0.0.0.0:5060" listens on every IPv4 address.
    public var listen: String
    /// Host put in our Contact (what phones and trunks send in-dialog requests to). Empty: the listen host.
    public var publicAddress: String
    /// Digest realm of challenges; part of every HA1.
    public var realm: String
    /// Sent as User-Agent, in requests and (Sofia's habit) in responses.
    public var userAgent: String
    /// Agent extension -> HA1 hex, MD5("user:realm:password"). Passwords are never held in clear.
    public var credentials: [String: String]
    /// Inbound INVITEs beyond this many active inbound calls get 503 with Retry-After.
    public var maxCalls: Int
    /// Seconds put in Retry-After when `maxCalls` turns an INVITE away.
    public var overloadRetryAfter: Int
    /// How long a digest nonce stays usable, in seconds; an older one gets `stale=true`.
    public var nonceLifetime: Int
    /// When failed logins ban their source (per address, and per address and extension).
    public var authLimits: AuthLimits
    /// Limits on what one peer can make the transport hold: the largest message accepted (larger
    /// ones are refused, over TCP the connection is closed), how long a TCP connection may stay
    /// idle, and how long a message may take to arrive whole (a peer that sends a byte a second
    /// is cut off).
    public var transportLimits = TransportLimits()
    /// SIP over TLS beside UDP and TCP; nil: no TLS listener.
    public var tls: SIPTLSSettings?
    /// Agent extensions that must use TLS: their REGISTERs and INVITEs over UDP or TCP get
    /// `403 TLS Required` once authenticated.
    public var tlsOnlyUsers: Set<String> = []
    /// SIP timer 64*T1 in ms (transaction and ACK timeouts; Sofia's default is 32 s). Tests
    /// shorten it to see a missing ACK kill a call quickly.
    var transactionTimeoutMilliseconds: Int?
    /// How often phones behind a NAT are kept reachable: CRLF on their TCP/TLS connections, and
    /// the registrar's OPTIONS to their bindings. 0: never.
    public var natKeepaliveSeconds = 30
    /// Accounts at carriers: challenges to INVITEs sent to them are answered with their
    /// credentials, and those with `register` are registered while the stack runs.
    public var trunkAccounts: [TrunkAccount] = []

    public init(
        listen: String = "127.0.0.1:5060",
        publicAddress: String = "",
        realm: String = "callgate",
        userAgent: String = "callgate",
        credentials: [String: String] = [:],
        maxCalls: Int = 100,
        overloadRetryAfter: Int = 5,
        nonceLifetime: Int = 300,
        authLimits: AuthLimits = AuthLimits()
    ) {
        self.listen = listen
        self.publicAddress = publicAddress
        self.realm = realm
        self.userAgent = userAgent
        self.credentials = credentials
        self.maxCalls = maxCalls
        self.overloadRetryAfter = overloadRetryAfter
        self.nonceLifetime = nonceLifetime
        self.authLimits = authLimits
    }
}

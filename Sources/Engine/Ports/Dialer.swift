/// Where and as whom to ring an outbound leg: an agent's registered phone for a queue offer, a
/// colleague or an external number for a transfer, and later the legs of originate, campaigns and
/// supervisors. Every outbound leg goes through one ``Dialer``.
public struct DialRequest: Sendable, Hashable {
    /// The SIP URI to ring: a registered contact or a trunk's `sip:number@host:port`.
    public var uri: String
    /// The caller shown on the callee's screen (From's user and display name).
    public var callerNumber: String
    public var callerName: String?
    /// Extra `X-Callgate-*` headers: the call's id, queue and vars (the screen pop).
    public var headers: [String: String]
    /// The agent whose phone this rings (a queue offer), so the leg is offered that agent's
    /// codecs; nil: the dialer picks by the URI (a trunk's, an agent's contact, else the default).
    public var agent: String?

    public init(uri: String, callerNumber: String, callerName: String? = nil, headers: [String: String] = [:],
                agent: String? = nil) {
        self.uri = uri
        self.agent = agent
        self.callerNumber = callerNumber
        self.callerName = callerName
        self.headers = headers
    }
}

/// What becomes of a dialed leg, reported in order, at most one final event of each kind.
public enum DialEvent: Sendable, Hashable {
    /// The callee answered and the leg's audio follows its SDP answer: it can be bridged.
    case answered
    /// It ended without an answer: the final SIP status (486 busy, 408/480 no answer, 487 after
    /// our CANCEL, 488 when it answered without audio we speak) and the reason phrase.
    case failed(status: Int, reason: String)
    /// It had answered and is now over (either side hung up).
    case hungUp
}

/// A leg the engine placed. Hanging up CANCELs it before the answer and sends BYE after; the
/// leg's media is released once its final event has been reported.
public protocol DialedLeg: AnyObject, Sendable {
    func hangUp() async
}

/// Places outbound legs: opens the leg's media, sends the INVITE with our offer, applies the
/// callee's SDP answer to the media (one place for it), and reports each ``DialEvent`` to the
/// handler given with the request. Server's Sofia dialer does it with real SIP and RTP; tests
/// use legs they answer, refuse or hang up themselves.
public protocol Dialer: Sendable {
    /// Throws when the leg cannot even be started (no media port, a URI Sofia refuses, shutting
    /// down); no event follows then.
    func dial(_ request: DialRequest, events: @escaping @Sendable (DialEvent) async -> Void) async throws -> any DialedLeg
}

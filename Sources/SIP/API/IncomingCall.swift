/// A new inbound INVITE, copied out of Sofia: everything the engine needs to route the call.
public struct IncomingCall: Sendable {
    public var leg: LegID
    /// The SIP Call-ID.
    public var callID: String
    public var from: SIPAddress
    public var to: SIPAddress
    /// The dialed number: the Request-URI's user part.
    public var requestUser: String
    /// The SDP offer; nil for a late-offer INVITE (our 200 OK then carries the offer).
    public var sdp: String?
    /// "ip:port" the INVITE came from.
    public var source: String
    /// Set when the INVITE carried valid digest credentials of an agent.
    public var authenticatedUser: String?
    /// User-Agent and every X-* header, by the name as sent.
    public var headers: [String: String]

    public init(
        leg: LegID, callID: String, from: SIPAddress, to: SIPAddress, requestUser: String, sdp: String?,
        source: String, authenticatedUser: String?, headers: [String: String]
    ) {
        self.leg = leg
        self.callID = callID
        self.from = from
        self.to = to
        self.requestUser = requestUser
        self.sdp = sdp
        self.source = source
        self.authenticatedUser = authenticatedUser
        self.headers = headers
    }
}

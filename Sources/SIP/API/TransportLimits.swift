/// What a single peer may make the SIP transport hold, so that no sender (a scanner, a broken
/// phone, a slowloris) can grow the engine's memory or pin its connections.
public struct TransportLimits: Sendable, Hashable {
    /// The largest SIP message accepted, in bytes; a larger one is refused (and over TCP its
    /// connection closed). Sofia's own default is 2 MiB.
    public var maxMessageBytes: Int
    /// A TCP connection with no traffic for this long is closed, in seconds.
    public var tcpIdleSeconds: Int
    /// A message whose bytes stop arriving for this many seconds closes its TCP connection
    /// (Sofia's receive timeout: each byte restarts it, so the connection caps bound what a slow
    /// sender can hold).
    public var messageTimeoutSeconds: Int
    /// TCP connections one source address may hold open; beyond it the quietest are closed.
    public var maxTCPConnectionsPerSource: Int
    /// TCP connections all peers together may hold open.
    public var maxTCPConnections: Int

    public init(maxMessageBytes: Int = 65_536, tcpIdleSeconds: Int = 300, messageTimeoutSeconds: Int = 10,
                maxTCPConnectionsPerSource: Int = 32, maxTCPConnections: Int = 1024) {
        self.maxMessageBytes = maxMessageBytes
        self.tcpIdleSeconds = tcpIdleSeconds
        self.messageTimeoutSeconds = messageTimeoutSeconds
        self.maxTCPConnectionsPerSource = maxTCPConnectionsPerSource
        self.maxTCPConnections = maxTCPConnections
    }
}

/// What a single peer may make the SIP transport hold, so that no sender (a scanner, a broken
/// phone, a slowloris) can grow the engine's memory or pin its connections.
public struct TransportLimits: Sendable, Hashable {
    /// The largest SIP message accepted, in bytes; a larger one is refused (and over TCP its
    /// connection closed). Sofia's own default is 2 MiB.
    public var maxMessageBytes: Int
    /// A TCP connection with no traffic for this long is closed, in seconds.
    public var tcpIdleSeconds: Int
    /// A message must arrive whole within this many seconds of its first byte, or its TCP
    /// connection is closed.
    public var messageTimeoutSeconds: Int

    public init(maxMessageBytes: Int = 65_536, tcpIdleSeconds: Int = 300, messageTimeoutSeconds: Int = 10) {
        self.maxMessageBytes = maxMessageBytes
        self.tcpIdleSeconds = tcpIdleSeconds
        self.messageTimeoutSeconds = messageTimeoutSeconds
    }
}

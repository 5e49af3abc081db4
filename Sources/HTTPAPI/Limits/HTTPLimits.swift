/// What the HTTP API lets the network hold open: how long a silent connection lives, how many
/// connections and how many event-stream clients there may be at once.
public struct HTTPLimits: Sendable, Hashable {
    /// A connection that sends nothing for this long is closed. WebSocket clients are pinged at
    /// half this period, so a live client's pongs keep it open.
    public var idleTimeout: Duration
    /// Open connections at once, WebSockets included; one more gets 503 and is closed.
    public var maxConnections: Int
    /// `GET /api/events` clients at once; one more is refused with 503.
    public var maxWebSocketClients: Int

    public init(idleTimeout: Duration = .seconds(60), maxConnections: Int = 256, maxWebSocketClients: Int = 32) {
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxWebSocketClients = maxWebSocketClients
    }
}

import CallgateCore

/// A callback waiting in a queue, as the driver keeps it across restarts.
public struct SavedCallback: Sendable, Hashable {
    public var ticket: CallerTicket
    public var vars: [String: JSONValue]
    public var joinedAt: Double
    public var requestedAt: Double
    /// Customer dials placed so far.
    public var attempts: Int

    public init(ticket: CallerTicket, vars: [String: JSONValue], joinedAt: Double, requestedAt: Double, attempts: Int) {
        self.ticket = ticket
        self.vars = vars
        self.joinedAt = joinedAt
        self.requestedAt = requestedAt
        self.attempts = attempts
    }
}

/// Where the queue driver keeps waiting callbacks (the SQLite store in `serve`), so a restart
/// keeps the customers' places: saved at the request and at each dial, removed once completed
/// or dropped.
public protocol CallbackStore: Sendable {
    func savedCallbacks() async throws -> [SavedCallback]
    func save(_ callback: SavedCallback) async throws
    func remove(callID: String) async throws
}

/// The caller side of a callback restored after a restart: its call is long over, so there is
/// nothing to play to and nobody to tell.
struct EndedCall: QueueCaller {
    func startMusicOnHold(_ file: String) async {}
    func announce(_ text: String) async {}
    func bridge(to leg: any DialedLeg, recording: Bool) async {}
    func unbridge() async {}
    func leftQueue(reason: String, details: [String: JSONValue]) async {}
    func operatorLeft() async {}
    func queueUnavailable(_ detail: String) async {}
}

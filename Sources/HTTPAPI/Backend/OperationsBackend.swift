import CallgateCore
/// What the HTTP API needs from the engine: snapshots of queues and agents, the agent actions a
/// supervisor or an integration may take, a stream of live events, and the live calls
/// (`CallControlBackend`).
///
/// The engine implements it; the HTTP layer sees nothing else of the engine, so it is tested with
/// a small in-memory backend and the engine never imports Hummingbird.
public protocol OperationsBackend: CallControlBackend {
    /// What `GET /health` reports.
    func status() async -> EngineStatus
    /// Every queue, in the order the configuration lists them.
    func queues() async -> [QueueView]
    /// Every agent, in the order the configuration lists them.
    func agents() async -> [AgentView]
    /// Logs the agent in, into `queues` or, when nil, into the queues the configuration gives it.
    func login(agent: String, queues: [String]?) async throws(OperationsError)
    func logout(agent: String) async throws(OperationsError)
    /// Pauses the agent: no call is offered until `unpause`. `reason` is 1 to 100 characters.
    func pause(agent: String, reason: String) async throws(OperationsError)
    func unpause(agent: String) async throws(OperationsError)
    /// A fresh subscription to the engine's events, one per WebSocket client.
    ///
    /// - warning: The engine must never wait on a subscriber: build the stream with the default
    ///   (unbounded) buffering and only ever `yield`. The HTTP layer drains each stream at once into
    ///   its own bounded backlog, so a slow client costs the engine nothing. The stream ends when the
    ///   engine stops; the subscriber's cancellation reaches the engine through `onTermination`.
    func events() -> AsyncStream<EngineEvent>
    /// What `GET /api/security` reports: the SIP sources banned now after failed logins.
    func security() async -> SecurityView
    /// Every conference room with callers in it, by name.
    func conferences() async -> [ConferenceView]
    /// Mutes (or unmutes) a caller in a room: the room stops (or starts again) hearing it.
    func setMuted(_ muted: Bool, room: String, callID: String) async throws(OperationsError)
    /// Takes a caller out of a room; its scenario hears `conference.done` with reason `kicked`.
    func kick(room: String, callID: String) async throws(OperationsError)
}

extension OperationsBackend {
    /// A backend without a SIP front bans nobody.
    public func security() async -> SecurityView { SecurityView(bans: []) }
    /// A backend without a media engine has no rooms.
    public func conferences() async -> [ConferenceView] { [] }
    public func setMuted(_ muted: Bool, room: String, callID: String) async throws(OperationsError) { throw .unknownConference(room) }
    public func kick(room: String, callID: String) async throws(OperationsError) { throw .unknownConference(room) }
}

/// Why the engine refused an operation; the HTTP API turns each case into a status code.
public enum OperationsError: Error, Sendable, Hashable {
    /// No agent with this extension (404).
    case unknownAgent(String)
    /// No queue with this name, e.g. in a login's `queues` (400, naming the field).
    case unknownQueue(String)
    /// The agent's state does not allow it, e.g. pausing a logged-out agent (409); the text says why.
    case invalid(String)
    /// No conference room with this name has callers in it (404).
    case unknownConference(String)
    /// The call is not in this room (404).
    case unknownParticipant(room: String, callID: String)
}

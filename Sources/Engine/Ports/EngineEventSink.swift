import CallgateCore

/// Where the drivers publish what happened (the event stream's source). Publishing never waits.
public protocol EngineEventSink: Sendable {
    func publish(_ event: EngineEvent)
}

/// Where the queue driver appends its queue log lines (the SQLite store in `serve`).
public protocol QueueLogWriter: Sendable {
    func appendQueueLog(_ entries: [QueueLogEntry]) async throws
}

/// Who may be rung for an agent: the registrar's answer, the newest live contact or nil.
public protocol AgentContacts: Sendable {
    func contact(for agent: String) async -> String?
    /// How to ring the agent's phone: its Contact and, behind a NAT, the next hop.
    func reach(for agent: String) async -> DialTarget?
}


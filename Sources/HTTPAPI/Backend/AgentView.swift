import CallgateCore

/// One agent as supervisors see it: `GET /api/agents`.
public struct AgentView: Sendable, Hashable, Codable {
    /// The agent's extension, e.g. "1001": its id in every URL and event.
    public var `extension`: String
    public var name: String
    public var status: AgentStatus.Kind
    /// Why the agent is paused; nil unless `status` is `paused`.
    public var pauseReason: String?
    /// Whether a phone is registered for the extension right now.
    public var registered: Bool
    /// The queues the agent takes calls from while logged in.
    public var queues: [String]
    /// The call the agent is ringing for or talking on.
    public var currentCallID: String?
    /// Calls answered since the engine started.
    public var callsTaken: Int
    /// Seconds spent talking on those calls.
    public var talkSeconds: Double

    public init(extension: String, name: String, status: AgentStatus.Kind, pauseReason: String? = nil, registered: Bool,
                queues: [String], currentCallID: String? = nil, callsTaken: Int = 0, talkSeconds: Double = 0) {
        self.extension = `extension`
        self.name = name
        self.status = status
        self.pauseReason = pauseReason
        self.registered = registered
        self.queues = queues
        self.currentCallID = currentCallID
        self.callsTaken = callsTaken
        self.talkSeconds = talkSeconds
    }

    enum CodingKeys: String, CodingKey {
        case `extension`, name, status, pauseReason = "pause_reason", registered, queues, currentCallID = "current_call_id",
             callsTaken = "calls_taken", talkSeconds = "talk_seconds"
    }

    // Absent values are written as null so every agent object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(`extension`, forKey: .extension)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(pauseReason, forKey: .pauseReason)
        try container.encode(registered, forKey: .registered)
        try container.encode(queues, forKey: .queues)
        try container.encode(currentCallID, forKey: .currentCallID)
        try container.encode(callsTaken, forKey: .callsTaken)
        try container.encode(talkSeconds, forKey: .talkSeconds)
    }
}

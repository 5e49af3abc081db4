import CallgateCore

/// One live call as supervisors and integrations see it: `GET /api/calls`.
public struct CallView: Sendable, Hashable, Codable {
    public var id: String
    public var from: String
    public var to: String
    public var direction: Direction
    /// Where the call is: see `CallView.State`.
    public var state: State
    /// The route that took the call, as the configuration writes its `match`.
    public var route: String
    /// The queue the caller waits in or was answered from; nil outside a queue.
    public var queue: String?
    /// The agent's extension: ringing for the call or talking on it; nil otherwise.
    public var agent: String?
    /// When the call arrived, in seconds since 1970.
    public var startedAt: Double
    /// Seconds since the call arrived, to a tenth.
    public var seconds: Double
    /// Whether anything is being recorded now (a `record` action, a queue's recording).
    public var recording: Bool
    /// Whether the call's recording is paused (`record_pause` or the API); may be true with nothing
    /// recorded yet: a recording that starts then starts paused.
    public var recordingPaused: Bool

    /// Where a live call is, as a word a wallboard can show.
    public enum State: String, Sendable, Hashable, Codable {
        /// Not answered yet (the scenario decides); `early_media` once 183 was sent.
        case ringing, earlyMedia = "early_media"
        /// Answered; the scenario's actions run (prompts, menus, recording).
        case answered
        /// Waiting in a queue, music on hold; `agent_ringing` while an agent's phone rings for it.
        case inQueue = "in_queue", agentRinging = "agent_ringing"
        /// Bridged to the queue's agent.
        case talkingToAgent = "talking_to_agent"
        /// A `transfer` target rings, then is bridged.
        case transferring, transferred
        /// Seated in a conference room (`conference`).
        case inConference = "in_conference"
        /// The caller, or the party it talks to, holds the call (music on hold).
        case onHold = "on_hold"
        /// The call is being ended (its recording is being saved, or the BYE is on its way).
        case ending
    }

    public init(id: String, from: String, to: String, direction: Direction, state: State, route: String, queue: String? = nil,
                agent: String? = nil, startedAt: Double, seconds: Double, recording: Bool = false, recordingPaused: Bool = false) {
        self.id = id
        self.from = from
        self.to = to
        self.direction = direction
        self.state = state
        self.route = route
        self.queue = queue
        self.agent = agent
        self.startedAt = startedAt
        self.seconds = seconds
        self.recording = recording
        self.recordingPaused = recordingPaused
    }

    enum CodingKeys: String, CodingKey {
        case id, from, to, direction, state, route, queue, agent, startedAt = "started_at", seconds, recording,
             recordingPaused = "recording_paused"
    }

    // Absent values are written as null so every call object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(direction, forKey: .direction)
        try container.encode(state, forKey: .state)
        try container.encode(route, forKey: .route)
        try container.encode(queue, forKey: .queue)
        try container.encode(agent, forKey: .agent)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(recording, forKey: .recording)
        try container.encode(recordingPaused, forKey: .recordingPaused)
    }
}

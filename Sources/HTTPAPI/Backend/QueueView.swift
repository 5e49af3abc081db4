import CallgateCore

/// One queue as supervisors see it: `GET /api/queues`.
public struct QueueView: Sendable, Hashable, Codable {
    public var name: String
    /// How the queue picks an agent, as configured (e.g. "longest_idle", "ring_all").
    public var strategy: String
    /// The callers waiting, first in line first.
    public var waiting: [WaitingCaller]
    /// The agents serving the queue.
    public var agents: [QueueMember]
    public var counters: QueueCounters

    public init(name: String, strategy: String, waiting: [WaitingCaller] = [], agents: [QueueMember] = [],
                counters: QueueCounters = QueueCounters()) {
        self.name = name
        self.strategy = strategy
        self.waiting = waiting
        self.agents = agents
        self.counters = counters
    }
}

/// A caller waiting in a queue.
public struct WaitingCaller: Sendable, Hashable, Codable {
    public var callID: String
    public var callerNumber: String
    /// The caller's display name, when the call carried one.
    public var callerName: String?
    /// Higher is served first.
    public var priority: Int
    public var waitedSeconds: Double
    /// 1 for the next caller to be served.
    public var position: Int

    public init(callID: String, callerNumber: String, callerName: String? = nil, priority: Int = 0, waitedSeconds: Double,
                position: Int) {
        self.callID = callID
        self.callerNumber = callerNumber
        self.callerName = callerName
        self.priority = priority
        self.waitedSeconds = waitedSeconds
        self.position = position
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", callerNumber = "caller_number", callerName = "caller_name", priority,
             waitedSeconds = "waited_seconds", position
    }

    // A missing caller name is written as null so every caller object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(callID, forKey: .callID)
        try container.encode(callerNumber, forKey: .callerNumber)
        try container.encode(callerName, forKey: .callerName)
        try container.encode(priority, forKey: .priority)
        try container.encode(waitedSeconds, forKey: .waitedSeconds)
        try container.encode(position, forKey: .position)
    }
}

/// An agent as one queue sees it; `GET /api/agents/{ext}` has the rest.
public struct QueueMember: Sendable, Hashable, Codable {
    public var `extension`: String
    public var status: AgentStatus.Kind

    public init(extension: String, status: AgentStatus.Kind) {
        self.extension = `extension`
        self.status = status
    }
}

/// What happened in a queue since the engine started.
public struct QueueCounters: Sendable, Hashable, Codable {
    /// Callers who joined the queue.
    public var entered: Int
    /// Callers an agent answered.
    public var answered: Int
    /// Callers who hung up while waiting.
    public var abandoned: Int
    /// Callers who waited the queue's maximum and left.
    public var timedOut: Int
    /// Callers who left with the exit key.
    public var exited: Int
    /// Callers turned away at the door: the queue was full or had no agent logged in.
    public var rejected: Int

    public init(entered: Int = 0, answered: Int = 0, abandoned: Int = 0, timedOut: Int = 0, exited: Int = 0, rejected: Int = 0) {
        self.entered = entered
        self.answered = answered
        self.abandoned = abandoned
        self.timedOut = timedOut
        self.exited = exited
        self.rejected = rejected
    }

    enum CodingKeys: String, CodingKey {
        case entered, answered, abandoned, timedOut = "timed_out", exited, rejected
    }
}

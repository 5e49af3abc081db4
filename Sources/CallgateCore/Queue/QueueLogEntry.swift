/// One line of the queue log: what happened in a queue, to which caller and which agent, when.
/// The reports are computed from these lines alone, so they can be checked against a known sequence.
public struct QueueLogEntry: Sendable, Hashable, Codable {
    /// Seconds since 1970 (the queue machine runs on that clock in production).
    public var time: Double
    public var queue: String?
    public var callID: String?
    public var agent: String?
    public var event: QueueLogEvent
    /// For connect, abandon, timeout and exits: how long the caller had waited.
    public var waitSeconds: Double?
    /// For complete_agent and complete_caller: how long the conversation lasted.
    public var talkSeconds: Double?
    /// A pause reason, an exit key, a ring failure, …
    public var reason: String?

    public init(time: Double, queue: String? = nil, callID: String? = nil, agent: String? = nil, event: QueueLogEvent,
                waitSeconds: Double? = nil, talkSeconds: Double? = nil, reason: String? = nil) {
        self.time = time
        self.queue = queue
        self.callID = callID
        self.agent = agent
        self.event = event
        self.waitSeconds = waitSeconds
        self.talkSeconds = talkSeconds
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case time, queue, callID = "call_id", agent, event, waitSeconds = "wait_seconds", talkSeconds = "talk_seconds", reason
    }
}

/// What a queue log line records.
public enum QueueLogEvent: String, Sendable, Hashable, Codable, CaseIterable {
    /// A caller joined a queue.
    case enter
    /// The caller was offered to an agent (the agent's phone rings).
    case offer
    /// The agent answered: caller and agent are talking.
    case connect
    /// The caller hung up while waiting.
    case abandon
    /// The caller waited the queue's maximum and left.
    case timeout
    /// The caller could not join: the queue was full.
    case full
    /// The caller could not join or had to leave: no agent logged in.
    case noAgents = "no_agents"
    /// The caller left with the exit key.
    case exitKey = "exit_key"
    /// The conversation ended; the agent hung up.
    case completeAgent = "complete_agent"
    /// The conversation ended; the caller hung up.
    case completeCaller = "complete_caller"
    /// The agent's phone rang and nobody answered (or it was busy, or failed).
    case ringNoAnswer = "ring_no_answer"
    case pause
    case unpause
    case login
    case logout
    /// A supervisor joined the agent's call, or switched mode: `reason` is `MODE by SUPERVISOR`
    /// (`listen by 1003`), `agent` the supervised agent.
    case supervise
    /// The supervisor left the agent's call (`reason` as for `supervise`, with the last mode).
    case superviseEnd = "supervise_end"
    /// The waiting caller asked to be called back and hung up; `wait_seconds` is the wait so far.
    case callbackRequested = "callback_requested"
    /// The engine dials the callback's customer (`agent` committed, `reason` the attempt number).
    case callbackAttempt = "callback_attempt"
    /// An attempt failed (`reason` busy, no_answer, failed); another follows after the retry delay.
    case callbackRetry = "callback_retry"
    /// The customer and the agent are talking; `wait_seconds` from the request to now.
    case callbackCompleted = "callback_completed"
    /// The callback was dropped (`reason`: the last failure, or why); `wait_seconds` from the request.
    case callbackFailed = "callback_failed"
}

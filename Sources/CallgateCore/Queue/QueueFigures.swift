/// A queue's counters since the machine started. The reports compute the same figures from the
/// queue log; docs/queues.md defines each one.
public struct QueueFigures: Sendable, Hashable, Codable {
    /// Callers who joined the line (`enter`).
    public var entered = 0
    /// Callers an agent answered (`connect`).
    public var answered = 0
    /// Of those, the ones who had waited at most the queue's service-level threshold.
    public var answeredWithinServiceLevel = 0
    /// Callers who hung up while waiting (`abandon`).
    public var abandoned = 0
    /// Callers who waited their maximum (`timeout`).
    public var timedOut = 0
    /// Callers who left with the exit key (`exit_key`).
    public var exitedWithKey = 0
    /// Callers who had joined and left because the last agent went away (`no_agents` after `enter`).
    public var leftNoAgents = 0
    /// Callers turned away at the door: the line was full (`full`) or nobody was logged in (`no_agents`).
    public var refusedFull = 0
    public var refusedNoAgents = 0
    /// Conversations that ended (`complete_agent` and `complete_caller`).
    public var completed = 0
    /// Total wait of the answered callers, and total talk of the completed conversations.
    public var answeredWaitSeconds: Double = 0
    public var talkSeconds: Double = 0
    /// Callers who asked to be called back (`callback_requested`), callbacks that reached an
    /// agent (`callback_completed`) and callbacks dropped (`callback_failed`).
    public var callbacksRequested = 0
    public var callbacksCompleted = 0
    public var callbacksFailed = 0
    /// Total wait of the completed callbacks, from the request to the conversation.
    public var callbackWaitSeconds: Double = 0

    public init() {}

    /// Mean wait of the completed callbacks, from the request to the conversation.
    public var averageCallbackWaitSeconds: Double? { callbacksCompleted > 0 ? callbackWaitSeconds / Double(callbacksCompleted) : nil }

    /// Callers who entered the line and have left it, one way or another (asking for a callback
    /// is one way: the caller left the live line, and was neither answered nor abandoned).
    public var leftTheLine: Int { answered + abandoned + timedOut + exitedWithKey + leftNoAgents + callbacksRequested }

    /// Answered within the threshold ÷ callers who left the line; nil before the first.
    public var serviceLevel: Double? {
        leftTheLine > 0 ? Double(answeredWithinServiceLevel) / Double(leftTheLine) : nil
    }

    /// Average speed of answer: the mean wait of answered callers.
    public var averageWaitSeconds: Double? { answered > 0 ? answeredWaitSeconds / Double(answered) : nil }

    public var averageTalkSeconds: Double? { completed > 0 ? talkSeconds / Double(completed) : nil }

    enum CodingKeys: String, CodingKey {
        case entered, answered, answeredWithinServiceLevel = "answered_within_service_level", abandoned
        case timedOut = "timed_out", exitedWithKey = "exited_with_key", leftNoAgents = "left_no_agents"
        case refusedFull = "refused_full", refusedNoAgents = "refused_no_agents", completed
        case answeredWaitSeconds = "answered_wait_seconds", talkSeconds = "talk_seconds"
        case callbacksRequested = "callbacks_requested", callbacksCompleted = "callbacks_completed"
        case callbacksFailed = "callbacks_failed", callbackWaitSeconds = "callback_wait_seconds"
    }
}

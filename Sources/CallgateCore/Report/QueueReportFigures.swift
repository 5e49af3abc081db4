/// One queue's figures in a `QueueReport`; the formulas are in docs/reports.md.
public struct QueueReportFigures: Sendable, Hashable, Codable {
    /// The `queue` of the report's `total`, which counts every queue.
    public static let totalName = "*"

    public var queue: String
    /// Callers who entered the queue (`enter` lines).
    public var offered: Int
    /// Callers put through to an agent (`connect` lines).
    public var answered: Int
    /// Callers who hung up while waiting (`abandon` lines).
    public var abandoned: Int
    /// Callers who waited the queue's maximum (`timeout` lines).
    public var timedOut: Int
    /// Callers turned away because the queue was full (`full` lines).
    public var full: Int
    /// Callers turned away or sent off because no agent was logged in (`no_agents` lines).
    public var noAgents: Int
    /// Callers who left with the exit key (`exit_key` lines).
    public var exitKey: Int
    /// The threshold of the service level; nil for the total, where each queue has its own.
    public var serviceLevelSeconds: Double?
    /// Answered callers whose wait was at most their queue's threshold.
    public var answeredWithinServiceLevel: Int
    /// `answeredWithinServiceLevel / (answered + abandoned + timedOut)`, from 0 to 1; nil when that is 0 / 0.
    public var serviceLevel: Double?
    /// The mean wait of answered callers; nil when none was answered.
    public var averageAnswerWaitSeconds: Double?
    public var longestAnswerWaitSeconds: Double?
    /// The mean wait of every caller whose wait ended (answered, abandoned, timed out, exit key, no agents).
    public var averageWaitSeconds: Double?
    /// Conversations that ended (`complete_agent` and `complete_caller` lines).
    public var completed: Int
    /// The mean length of those conversations; nil when none ended.
    public var averageTalkSeconds: Double?
    /// Callers who asked to be called back (`callback_requested`), callbacks put through to an
    /// agent (`callback_completed`) and callbacks dropped after their last attempt (`callback_failed`).
    public var callbacksRequested: Int
    public var callbacksCompleted: Int
    public var callbacksFailed: Int
    /// The mean and the longest wait of the completed callbacks, from the request to the conversation.
    public var averageCallbackWaitSeconds: Double?
    public var longestCallbackWaitSeconds: Double?

    public init(
        queue: String, offered: Int = 0, answered: Int = 0, abandoned: Int = 0, timedOut: Int = 0, full: Int = 0,
        noAgents: Int = 0, exitKey: Int = 0, serviceLevelSeconds: Double? = nil, answeredWithinServiceLevel: Int = 0,
        serviceLevel: Double? = nil, averageAnswerWaitSeconds: Double? = nil, longestAnswerWaitSeconds: Double? = nil,
        averageWaitSeconds: Double? = nil, completed: Int = 0, averageTalkSeconds: Double? = nil,
        callbacksRequested: Int = 0, callbacksCompleted: Int = 0, callbacksFailed: Int = 0,
        averageCallbackWaitSeconds: Double? = nil, longestCallbackWaitSeconds: Double? = nil
    ) {
        self.callbacksRequested = callbacksRequested
        self.callbacksCompleted = callbacksCompleted
        self.callbacksFailed = callbacksFailed
        self.averageCallbackWaitSeconds = averageCallbackWaitSeconds
        self.longestCallbackWaitSeconds = longestCallbackWaitSeconds
        self.queue = queue
        self.offered = offered
        self.answered = answered
        self.abandoned = abandoned
        self.timedOut = timedOut
        self.full = full
        self.noAgents = noAgents
        self.exitKey = exitKey
        self.serviceLevelSeconds = serviceLevelSeconds
        self.answeredWithinServiceLevel = answeredWithinServiceLevel
        self.serviceLevel = serviceLevel
        self.averageAnswerWaitSeconds = averageAnswerWaitSeconds
        self.longestAnswerWaitSeconds = longestAnswerWaitSeconds
        self.averageWaitSeconds = averageWaitSeconds
        self.completed = completed
        self.averageTalkSeconds = averageTalkSeconds
    }

    enum CodingKeys: String, CodingKey {
        case queue, offered, answered, abandoned, timedOut = "timed_out", full, noAgents = "no_agents"
        case exitKey = "exit_key", serviceLevelSeconds = "service_level_seconds"
        case answeredWithinServiceLevel = "answered_within_service_level", serviceLevel = "service_level"
        case averageAnswerWaitSeconds = "average_answer_wait_seconds"
        case longestAnswerWaitSeconds = "longest_answer_wait_seconds", averageWaitSeconds = "average_wait_seconds"
        case completed, averageTalkSeconds = "average_talk_seconds"
        case callbacksRequested = "callbacks_requested", callbacksCompleted = "callbacks_completed"
        case callbacksFailed = "callbacks_failed", averageCallbackWaitSeconds = "average_callback_wait_seconds"
        case longestCallbackWaitSeconds = "longest_callback_wait_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            queue: try c.decode(String.self, forKey: .queue), offered: try c.decode(Int.self, forKey: .offered),
            answered: try c.decode(Int.self, forKey: .answered), abandoned: try c.decode(Int.self, forKey: .abandoned),
            timedOut: try c.decode(Int.self, forKey: .timedOut), full: try c.decode(Int.self, forKey: .full),
            noAgents: try c.decode(Int.self, forKey: .noAgents), exitKey: try c.decode(Int.self, forKey: .exitKey),
            serviceLevelSeconds: try c.decodeIfPresent(Double.self, forKey: .serviceLevelSeconds),
            answeredWithinServiceLevel: try c.decode(Int.self, forKey: .answeredWithinServiceLevel),
            serviceLevel: try c.decodeIfPresent(Double.self, forKey: .serviceLevel),
            averageAnswerWaitSeconds: try c.decodeIfPresent(Double.self, forKey: .averageAnswerWaitSeconds),
            longestAnswerWaitSeconds: try c.decodeIfPresent(Double.self, forKey: .longestAnswerWaitSeconds),
            averageWaitSeconds: try c.decodeIfPresent(Double.self, forKey: .averageWaitSeconds),
            completed: try c.decode(Int.self, forKey: .completed),
            averageTalkSeconds: try c.decodeIfPresent(Double.self, forKey: .averageTalkSeconds),
            // Reports written before callbacks existed have none.
            callbacksRequested: try c.decodeIfPresent(Int.self, forKey: .callbacksRequested) ?? 0,
            callbacksCompleted: try c.decodeIfPresent(Int.self, forKey: .callbacksCompleted) ?? 0,
            callbacksFailed: try c.decodeIfPresent(Int.self, forKey: .callbacksFailed) ?? 0,
            averageCallbackWaitSeconds: try c.decodeIfPresent(Double.self, forKey: .averageCallbackWaitSeconds),
            longestCallbackWaitSeconds: try c.decodeIfPresent(Double.self, forKey: .longestCallbackWaitSeconds))
    }
}

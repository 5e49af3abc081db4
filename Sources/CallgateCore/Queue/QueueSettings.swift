/// One queue's settings, as configured under `queues:`. Every field has the default documented
/// in docs/queues.md; durations are seconds.
public struct QueueSettings: Sendable, Hashable {
    public var name: String
    public var strategy: QueueStrategy
    /// The longest a caller waits before leaving with `timeout`; an enqueue's own timeout overrides it. 0: no limit.
    public var maxWaitSeconds: Double
    /// Callers waiting at once (not counting those talking); one more leaves with `full`. 0: no limit.
    public var maxLength: Int
    /// False: a caller cannot join while no agent of the queue is logged in and registered (`no_agents`).
    public var joinEmpty: Bool
    /// True: waiting callers leave with `no_agents` when the last agent logs out or unregisters.
    public var leaveEmpty: Bool
    /// How long an agent's phone rings before the offer counts as unanswered.
    public var ringTimeoutSeconds: Double
    /// After an unanswered offer the caller waits this long before the next offer.
    public var retryDelaySeconds: Double
    /// After a conversation the agent is left alone this long before the next offer.
    public var wrapUpSeconds: Double
    /// Calls answered within this wait count as within the service level (reports).
    public var serviceLevelSeconds: Double
    /// Tell waiting callers their position every `announceEverySeconds`.
    public var announcePosition: Bool
    /// Tell waiting callers their estimated wait every `announceEverySeconds`.
    public var announceWait: Bool
    public var announceEverySeconds: Double
    /// What waiting callers hear, in the sounds folder.
    public var musicOnHold: String
    /// Record the conversations of this queue.
    public var record: Bool
    /// Offers an agent may leave unanswered in a row before being paused with `missed_offers`. 0: never.
    public var maxMissedOffers: Int
    /// Callbacks (docs/queues.md#callbacks): who is called first when a callback reaches an agent.
    public var callbackMode: CallbackMode = .agentFirst
    /// Customer dials per callback before it is dropped as failed (at least 1).
    public var callbackAttempts = 3
    /// After a failed attempt the callback waits this long, keeping its place, before the next one.
    public var callbackRetrySeconds: Double = 60
    /// How long the customer's phone rings before the attempt counts as unanswered.
    public var callbackRingSeconds: Double = 30
    /// The number the customer sees; nil: the queue's name.
    public var callbackCallerID: String?

    public init(
        name: String, strategy: QueueStrategy = .longestIdle, maxWaitSeconds: Double = 300, maxLength: Int = 0,
        joinEmpty: Bool = false, leaveEmpty: Bool = true, ringTimeoutSeconds: Double = 15, retryDelaySeconds: Double = 5,
        wrapUpSeconds: Double = 10, serviceLevelSeconds: Double = 20, announcePosition: Bool = true,
        announceWait: Bool = true, announceEverySeconds: Double = 30, musicOnHold: String = "moh.wav", record: Bool = false,
        maxMissedOffers: Int = 3
    ) {
        self.name = name
        self.strategy = strategy
        self.maxWaitSeconds = maxWaitSeconds
        self.maxLength = maxLength
        self.joinEmpty = joinEmpty
        self.leaveEmpty = leaveEmpty
        self.ringTimeoutSeconds = ringTimeoutSeconds
        self.retryDelaySeconds = retryDelaySeconds
        self.wrapUpSeconds = wrapUpSeconds
        self.serviceLevelSeconds = serviceLevelSeconds
        self.announcePosition = announcePosition
        self.announceWait = announceWait
        self.announceEverySeconds = announceEverySeconds
        self.musicOnHold = musicOnHold
        self.record = record
        self.maxMissedOffers = maxMissedOffers
    }
}

/// Who a callback calls first once it reaches an agent.
public enum CallbackMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The agent's phone rings with the callback (the caller's vars as the screen pop); once the
    /// agent answers, the engine dials the customer while the agent hears ringback.
    case agentFirst = "agent_first"
    /// The engine reserves the agent and dials the customer; once the customer answers, the
    /// reserved agent's phone rings.
    case customerFirst = "customer_first"
}

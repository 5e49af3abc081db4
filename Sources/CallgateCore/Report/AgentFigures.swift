/// One agent's figures in a `QueueReport`; the formulas are in docs/reports.md.
public struct AgentFigures: Sendable, Hashable, Codable {
    public var agent: String
    /// Calls the agent was put through to (`connect` lines).
    public var answered: Int
    /// Conversations of the agent that ended (`complete_agent` and `complete_caller` lines).
    public var completed: Int
    /// Time spent talking within the range: each conversation's interval, clipped to the range.
    public var talkSeconds: Double
    /// The mean length of the conversations that ended, whole, even when they began before `from`.
    public var averageTalkSeconds: Double?
    /// Offers the agent did not take (`ring_no_answer` lines).
    public var missedOffers: Int
    /// Time logged in within the range: login-to-logout intervals clipped to the range.
    public var loggedInSeconds: Double
    /// Time paused within the range: pause-to-unpause intervals (a logout ends a pause) clipped to the range.
    public var pausedSeconds: Double
    /// `talkSeconds / loggedInSeconds`; nil when the agent was not logged in. Paused time is not taken off.
    public var occupancy: Double?

    public init(
        agent: String, answered: Int = 0, completed: Int = 0, talkSeconds: Double = 0, averageTalkSeconds: Double? = nil,
        missedOffers: Int = 0, loggedInSeconds: Double = 0, pausedSeconds: Double = 0, occupancy: Double? = nil
    ) {
        self.agent = agent
        self.answered = answered
        self.completed = completed
        self.talkSeconds = talkSeconds
        self.averageTalkSeconds = averageTalkSeconds
        self.missedOffers = missedOffers
        self.loggedInSeconds = loggedInSeconds
        self.pausedSeconds = pausedSeconds
        self.occupancy = occupancy
    }

    enum CodingKeys: String, CodingKey {
        case agent, answered, completed, talkSeconds = "talk_seconds", averageTalkSeconds = "average_talk_seconds"
        case missedOffers = "missed_offers", loggedInSeconds = "logged_in_seconds", pausedSeconds = "paused_seconds"
        case occupancy
    }
}

/// The call center a dialer simulation plays: agents, how contacts answer and talk, the shift.
/// Seconds throughout. The defaults are the case of issue 13 (20 agents, 30 % of calls answered by
/// a person, Poisson answers, exponential talk times, here of 60 s on average).
public struct DialerSimulationSettings: Sendable, Hashable {
    /// Agents logged in for the whole shift.
    public var agents = 20
    /// The chance that a placed call is answered by a person.
    public var answerRate = 0.3
    /// Mean talk time of a connected call (exponential). The shorter the calls, the more of an
    /// agent's hour progressive dialing spends waiting for someone to answer.
    public var meanTalk = 60.0
    /// Wrap-up after each call, before the agent is free again.
    public var wrapUp = 10.0
    /// Rings before a person answers: at least `minimumRing`, plus an exponential with this mean
    /// (answers arrive as a Poisson process), never past the ring timeout.
    public var meanAnswerDelay = 8.0
    public var minimumRing = 2.0
    /// An unanswered call gives up after this long (no answer)…
    public var ringTimeout = 30.0
    /// …except this share of them, busy or failed within `busyDelay` seconds.
    public var busyShare = 0.1
    public var busyDelay = 3.0
    /// An answered call that reaches no agent within this long is abandoned.
    public var connectWindow = 2.0
    /// The simulated shift; calls placed stop at its end, and figures count only inside it.
    public var shift = 8 * 3600.0
    /// The random numbers' seed: the same seed, the same run.
    public var seed: UInt64 = 1

    public init() {}
}

/// What a simulated shift gave.
public struct DialerSimulationResult: Sendable, Hashable {
    public var placed = 0
    /// Answered by a person.
    public var answered = 0
    /// Answered and reached an agent.
    public var connected = 0
    /// Answered and reached no agent within the connect window.
    public var abandoned = 0
    /// Seconds of conversation, all agents together.
    public var talkSeconds = 0.0
    /// Seconds agents spent on calls (talk and wrap-up), all agents together.
    public var occupiedSeconds = 0.0
    /// Agents × shift, in seconds.
    public var agentSeconds = 0.0

    public init() {}

    /// Abandoned per answered call.
    public var abandonRate: Double { answered == 0 ? 0 : Double(abandoned) / Double(answered) }
    /// The share of agents' time on calls (talk and wrap-up).
    public var occupancy: Double { agentSeconds == 0 ? 0 : occupiedSeconds / agentSeconds }
    /// Minutes of conversation per agent-hour.
    public var talkMinutesPerAgentHour: Double { agentSeconds == 0 ? 0 : talkSeconds / agentSeconds * 60 }
}

/// Where an agent stands with the queues. Whether the agent's phone is registered is kept apart:
/// an available agent whose phone is not registered is never offered a call.
public enum AgentStatus: Sendable, Hashable {
    case loggedOut
    /// Logged in, waiting for a call.
    case available
    /// The agent's phone is ringing with this caller.
    case ringing(callID: String)
    /// Talking with this caller.
    case onCall(callID: String)
    /// After a conversation; available again at `until` (seconds, the machine's clock).
    case wrapUp(until: Double)
    /// Logged in but taking no calls: a break, or `missed_offers` after too many unanswered offers.
    case paused(reason: String)

    /// The status without its details, as the API, the event stream and the queue log name it.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case loggedOut = "logged_out"
        /// Logged in and idle: the next call may be offered.
        case available
        /// A caller is being offered: the agent's phone rings.
        case ringing
        case onCall = "on_call"
        /// The call ended; the agent finishes its paperwork before the next one.
        case wrapUp = "wrap_up"
        case paused
    }

    public var kind: Kind {
        switch self {
        case .loggedOut: .loggedOut
        case .available: .available
        case .ringing: .ringing
        case .onCall: .onCall
        case .wrapUp: .wrapUp
        case .paused: .paused
        }
    }

    /// The status as the API and the event stream name it.
    public var name: String { kind.rawValue }

    public var isLoggedIn: Bool { self != .loggedOut }
}

/// Why an agent's status changed, as `ACDEffect.agentStatus` reports it.
public enum AgentStatusReason: String, Sendable, Hashable, Codable {
    case login, logout, pause, unpause
    /// A caller was offered: the phone rings.
    case offer
    /// The agent answered: on call.
    case answered
    /// The phone rang out (ring timeout or the phone's own no-answer).
    case noAnswer = "no_answer"
    case busy
    case failed
    /// The offer was withdrawn: the caller left, timed out, or another agent answered first.
    case cancelled
    /// The agent's registration ended while the phone was ringing.
    case unregistered
    /// The conversation ended: wrap-up begins.
    case conversationEnded = "conversation_ended"
    case wrapUpDone = "wrap_up_done"
    /// Paused by the machine after too many unanswered offers in a row.
    case missedOffers = "missed_offers"
    /// Committed to a callback while its customer is dialed (customer-first: reserved, no phone rings).
    case callback
    /// The callback's customer did not answer, or the agent gave up while the customer was dialed.
    case callbackFailed = "callback_failed"
}

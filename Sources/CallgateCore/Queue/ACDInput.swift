/// Something that happened to the queues, fed into `QueueMachine.handle(_:at:)` by the engine
/// (SIP registrations, agent phones, callers' calls, the HTTP API, expired timers) or by a test.
public enum ACDInput: Sendable, Hashable {
    /// A caller ran `enqueue`.
    case callerJoined(CallerTicket)
    /// A waiting caller left on their own: hung up (`abandon`) or pressed the exit key.
    case callerLeft(callID: String, reason: CallerLeaveReason)
    /// The agent's phone registered (or refreshed its registration).
    case agentRegistered(String)
    /// The agent's registration expired or was removed.
    case agentUnregistered(String)
    /// Log in to these queues, which must be among the agent's configured ones; nil for all of them.
    case agentLogin(String, queues: [String]?)
    case agentLogout(String)
    case agentPause(String, reason: String)
    case agentUnpause(String)
    /// The agent's phone answered the offer of this caller.
    case offerAnswered(callID: String, agent: String)
    /// The agent's phone did not take the offer.
    case offerFailed(callID: String, agent: String, reason: OfferFailure)
    /// The conversation between a caller and the agent who answered is over.
    case conversationEnded(callID: String, by: ConversationSide)
    /// A timer the machine started has expired.
    case timerFired(ACDTimer)
    /// The waiting caller pressed the callback key and hangs up: the place is kept, the engine calls back.
    case callbackRequested(callID: String)
    /// The customer answered the callback the engine placed after `.dialCallback`.
    case callbackAnswered(callID: String)
    /// The customer's phone did not take the callback (busy, no answer, failed).
    case callbackFailed(callID: String, reason: OfferFailure)
    /// A callback kept across a restart goes back in line (before any new caller joins, so it
    /// stays ahead of them), with the times and attempts it had.
    case callbackRestored(CallerTicket, joinedAt: Double, requestedAt: Double, attempts: Int)
}

/// Why a waiting caller left.
public enum CallerLeaveReason: String, Sendable, Hashable, Codable {
    /// The caller hung up.
    case abandon
    /// The caller pressed the enqueue's exit key.
    case exitKey = "exit_key"
}

/// Why an agent's phone did not take an offer.
public enum OfferFailure: String, Sendable, Hashable, Codable {
    case noAnswer = "no_answer"
    case busy
    case failed
}

/// Who ended a conversation.
public enum ConversationSide: String, Sendable, Hashable, Codable {
    case agent, caller
}

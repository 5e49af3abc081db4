/// What the queue machine asks the engine to do. The engine carries each effect out and feeds
/// the consequences back as `ACDInput`s.
public enum ACDEffect: Sendable, Hashable {
    /// Ring the agent's phone with this caller; answer with `.offerAnswered` or `.offerFailed`.
    case offer(callID: String, agent: String)
    /// Stop ringing the agent (another agent answered, the caller left, the ring timed out, …), or
    /// hang up an agent leg whose answer came too late. A `.offerFailed` for it is ignored.
    case cancelOffer(callID: String, agent: String)
    /// Bridge the caller and the agent who answered; answer with `.conversationEnded`.
    case connected(callID: String, agent: String)
    /// The caller leaves the queue and goes back to the scenario with `queue.done`. Not sent for a
    /// caller who hung up: that call is over.
    case callerDone(callID: String, reason: QueueDoneReason, details: [String: JSONValue])
    /// Tell the waiting caller where they stand; nil for what the queue does not announce.
    case announce(callID: String, position: Int?, estimatedWaitSeconds: Int?)
    /// Answer with `.timerFired(timer)` after the given seconds, unless cancelled.
    case startTimer(ACDTimer, seconds: Double)
    case cancelTimer(ACDTimer)
    /// An agent's status changed (for the event stream and the supervisors' view).
    case agentStatus(String, AgentStatus, reason: AgentStatusReason)
    /// A line for the queue log.
    case log(QueueLogEntry)
    /// The input was not carried out: an unknown agent or queue, a logout while logged out, …
    case refused(ACDError)
    /// Call the customer of a callback back at `number`; `agent` is committed to it (its answered
    /// leg hears ringback when agent-first; reserved without a leg when customer-first). Answer
    /// with `.callbackAnswered` or `.callbackFailed`.
    case dialCallback(callID: String, agent: String, number: String)
    /// Hang up the callback's customer leg (ringing or answered): the attempt timed out, the
    /// conversation ended on the agent's side, or the callback was dropped.
    case hangUpCallback(callID: String)
}

/// Why a caller left the queue, as `queue.done` names it.
public enum QueueDoneReason: String, Sendable, Hashable, Codable {
    case timeout, full
    case noAgents = "no_agents"
    case key
    /// An agent took the call and the agent's side hung up: the caller is back with the scenario.
    case agentHangup = "agent_hangup"
}

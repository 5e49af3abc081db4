import CallgateCore

/// What a supervisor needs from the ACD: the conversation an agent is in, and a line in the queue
/// log for each supervision (the driver is the log's one writer, so lines stay in order).
extension QueueDriver {
    /// A queue call in progress: the caller's side and the agent's answered leg.
    public struct Conversation: Sendable {
        public let callID: String
        public let queue: String
        public let agent: String
        public let caller: any QueueCaller
        public let agentLeg: any DialedLeg
    }

    /// The queue call `agent` is talking on now; nil when the agent is not in one.
    public func conversation(ofAgent agent: String) -> Conversation? {
        for caller in callers.values {
            guard let id = caller.talkingOn, let offer = offers[id], offer.agent == agent, offer.connected, let leg = offer.leg else { continue }
            return Conversation(callID: caller.ticket.callID, queue: caller.ticket.queue, agent: agent, caller: caller.side, agentLeg: leg)
        }
        return nil
    }

    /// The queue call with this call id, if it is talking to an agent now.
    public func conversation(ofCall callID: String) -> Conversation? {
        guard let caller = callers[callID], let id = caller.talkingOn, let offer = offers[id], offer.connected, let leg = offer.leg else { return nil }
        return Conversation(callID: callID, queue: caller.ticket.queue, agent: offer.agent, caller: caller.side, agentLeg: leg)
    }

    /// `supervise` when a supervisor joins or switches mode, `supervise_end` when they leave;
    /// the reason says `MODE by SUPERVISOR`.
    public func logSupervision(_ event: QueueLogEvent, of conversation: Conversation, supervisor: String, mode: SupervisionMode) {
        pendingLog.append(QueueLogEntry(time: now, queue: conversation.queue, callID: conversation.callID, agent: conversation.agent,
                                        event: event, reason: "\(mode.rawValue) by \(supervisor)"))
        if !writingLog { Task { await self.writeQueueLog() } }
    }
}

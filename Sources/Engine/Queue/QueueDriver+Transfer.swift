import CallgateCore

/// An operator transfers its caller (REFER from its phone, or the API). While the target rings,
/// the operator's leg ending is the transfer's business, not a conversation's end; once the
/// target answers the queue is done with the caller and the operator goes to wrap-up.
extension QueueDriver {
    /// The operator talking to `callID`, whose transfer now begins; nil when the caller is not
    /// talking to an operator (still waiting, or already being transferred).
    public func transferStarted(_ callID: String) -> String? {
        guard let caller = callers[callID], caller.transferring == nil, let id = caller.talkingOn, let offer = offers[id] else { return nil }
        callers[callID]?.transferring = (offer: id, operatorUp: true)
        return offer.agent
    }

    /// The target answered (or the caller went to another queue): the operator's conversation is
    /// over (wrap-up, the queue log), and the caller is no longer the queue's. Its leg is the
    /// transfer's now, so its end is nobody's news here.
    public func transferCompleted(_ callID: String) {
        guard let caller = callers[callID], let mark = caller.transferring else { return }
        callers[callID] = nil   // the machine's `callerDone` below finds no one to send back to the scenario
        offers[mark.offer] = nil
        apply(machine.handle(.conversationEnded(callID: callID, by: .agent), at: now))
        events.publish(.queueLeft(time: now, callID: callID, queue: caller.ticket.queue, reason: "transferred",
                                  waitedSeconds: now - caller.joinedAt))
    }

    /// The target did not answer: true when the operator is still on the line (the caller goes
    /// back to it); false when the operator hung up meanwhile, in which case the conversation
    /// ended and the caller goes back to the scenario (`queue.done` with `agent_hangup`).
    public func transferFailed(_ callID: String) -> Bool {
        guard let mark = callers[callID]?.transferring else { return false }
        callers[callID]?.transferring = nil
        if mark.operatorUp, offers[mark.offer] != nil { return true }
        callers[callID]?.talkingOn = nil
        apply(machine.handle(.conversationEnded(callID: callID, by: .agent), at: now))
        return false
    }
}

/// The end of a conversation: the queue log, `queue.done`, and the agent's wrap-up.
extension QueueMachine {
    mutating func conversationEnded(_ callID: String, by side: ConversationSide) {
        guard let caller = callers[callID], case .talking(let agent, let since) = caller.phase else {
            return refuse(.unknownCaller(callID: callID))
        }
        callers[callID] = nil
        let wait = caller.waitSeconds ?? 0
        let talk = Self.rounded(now - since)
        log(side == .agent ? .completeAgent : .completeCaller, queue: caller.queue, callID: callID, agent: agent, wait: wait, talk: talk)
        if caller.callback != nil {
            // A callback's customer has no scenario to go back to: its leg ends with the conversation.
            if side == .agent { effects.append(.hangUpCallback(callID: callID)) }
        } else if side == .agent {
            // The caller goes back to the scenario; a caller who hung up has no scenario left to tell.
            effects.append(.callerDone(
                callID: callID, reason: .agentHangup,
                details: ["wait_seconds": .number(wait), "agent": .string(agent), "talk_seconds": .number(talk)]))
        }
        agents[agent]?.talkSeconds += talk
        afterConversation(agent, callID: callID, queue: caller.queue)
    }

    /// Logged out if the agent logged out during the call, paused if it asked to, else wrap-up.
    mutating func afterConversation(_ agent: String, callID: String, queue: String) {
        guard let record = agents[agent], record.status == .onCall(callID: callID) else { return }
        if record.queues.isEmpty {
            setStatus(agent, .loggedOut, reason: .logout)
        } else if let reason = record.pendingPause {
            agents[agent]?.pendingPause = nil
            setStatus(agent, .paused(reason: reason), reason: .pause)
            log(.pause, queue: nil, agent: agent, reason: reason)
        } else if let wrapUp = queues[queue]?.settings.wrapUpSeconds, wrapUp > 0 {
            let timer = startTimer(.wrapUp(agent: agent), seconds: wrapUp)
            agents[agent]?.wrapUpTimer = timer
            setStatus(agent, .wrapUp(until: now + wrapUp), reason: .conversationEnded)
        } else {
            becomeAvailable(agent, reason: .conversationEnded)
        }
    }
}

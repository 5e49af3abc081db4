/// Callers joining, waiting and leaving the line.
extension QueueMachine {
    mutating func join(_ ticket: CallerTicket) {
        let callID = ticket.callID, name = ticket.queue
        // Only values are read out of the queue record: a copy of it kept alive would make the
        // insertions below copy the whole line.
        guard let settings = queues[name]?.settings else { return refuse(.unknownQueue(name)) }
        guard callers[callID] == nil else { return refuse(.alreadyQueued(callID: callID)) }
        if !settings.joinEmpty, !isStaffed(name) {
            log(.noAgents, queue: name, callID: callID, wait: 0, atTheDoor: true)
            effects.append(.callerDone(callID: callID, reason: .noAgents, details: ["wait_seconds": 0]))
            return
        }
        if settings.maxLength > 0, let waiting = queues[name]?.line.count, waiting >= settings.maxLength {
            log(.full, queue: name, callID: callID, wait: 0, atTheDoor: true)
            effects.append(.callerDone(callID: callID, reason: .full, details: ["wait_seconds": 0]))
            return
        }
        sequence += 1
        var caller = CallerRecord(ticket: ticket, key: LineKey(priority: ticket.priority, sequence: sequence), joinedAt: now)
        log(.enter, queue: name, callID: callID)
        let maxWait = ticket.maxWaitSeconds ?? settings.maxWaitSeconds
        if maxWait > 0 { caller.maxWaitTimer = startTimer(.maxWait(callID: callID), seconds: maxWait) }
        if settings.announcePosition || settings.announceWait {
            caller.announceTimer = startTimer(.announce(callID: callID), seconds: settings.announceEverySeconds)
        }
        callers[callID] = caller
        queues[name]?.line.insert(caller.key, callID: callID)
        queues[name]?.ready.insert(caller.key, callID: callID)
        offer(callID)
    }

    mutating func callerLeft(_ callID: String, reason: CallerLeaveReason) {
        guard let caller = callers[callID] else { return refuse(.unknownCaller(callID: callID)) }
        if caller.isTalking {
            // A hangup after the answer ends the conversation; there is no exit key while talking.
            if reason == .abandon { conversationEnded(callID, by: .caller) } else { refuse(.notWaiting(callID: callID)) }
            return
        }
        switch reason {
        case .abandon: leaveLine(callID, event: .abandon, done: nil)
        case .exitKey: leaveLine(callID, event: .exitKey, done: .key)
        }
    }

    /// Takes a caller who is not talking out of the queue: its timers, its offers, its place in line.
    mutating func leaveLine(_ callID: String, event: QueueLogEvent, done: QueueDoneReason?) {
        guard let caller = callers.removeValue(forKey: callID), !caller.isTalking else { return }
        queues[caller.queue]?.line.remove(caller.key)
        queues[caller.queue]?.ready.remove(caller.key)
        cancel(caller.maxWaitTimer)
        cancel(caller.announceTimer)
        cancel(caller.offerTimer)
        var released = stopRinging(caller)
        if case .dialing(let agent) = caller.phase {
            effects.append(.cancelOffer(callID: callID, agent: agent))
            if releaseCommitted(agent, from: callID) { released.append(agent) }
        }
        if let callback = caller.callback {
            // A callback that leaves is a failed callback, whatever the reason; nobody is left to tell.
            effects.append(.hangUpCallback(callID: callID))
            let reason = event == .abandon ? "customer_hangup" : event.rawValue
            log(.callbackFailed, queue: caller.queue, callID: callID, wait: Self.rounded(now - callback.requestedAt), reason: reason)
        } else {
            let wait = Self.rounded(now - caller.joinedAt)
            log(event, queue: caller.queue, callID: callID, wait: wait)
            if let done { effects.append(.callerDone(callID: callID, reason: done, details: ["wait_seconds": .number(wait)])) }
        }
        for agent in released { offerNextCaller(to: agent) }
    }

    /// Stops every phone ringing with the caller; returns the agents made available by it.
    mutating func stopRinging(_ caller: CallerRecord) -> [String] {
        guard case .ringing(let ringing) = caller.phase else { return [] }
        var released: [String] = []
        for agent in ringing {
            effects.append(.cancelOffer(callID: caller.callID, agent: agent))
            guard agents[agent]?.status == .ringing(callID: caller.callID) else { continue }
            setStatus(agent, .available, reason: .cancelled)
            released.append(agent)
        }
        return released
    }

    /// The caller may be offered again (after its retry delay, or an offer withdrawn by the agent's side).
    mutating func makeReady(_ callID: String) {
        guard let caller = callers[callID], !caller.isTalking else { return }
        callers[callID]?.phase = .ready
        queues[caller.queue]?.ready.insert(caller.key, callID: callID)
        offer(callID)
    }

    /// With `leave_empty`, the queues' waiting callers leave once no agent is logged in and registered.
    mutating func leaveIfEmpty(_ names: [String]) {
        for name in names {
            guard let queue = queues[name], queue.settings.leaveEmpty, !queue.line.isEmpty, !isStaffed(name) else { continue }
            // A callback whose customer is not on the line waits on: nobody is held up by it.
            let leaving = queue.line.entries.map(\.callID).filter { callers[$0]?.callback.map(\.customerUp) ?? true }
            for callID in leaving { leaveLine(callID, event: .noAgents, done: .noAgents) }
        }
    }

    /// True while an agent of the queue is logged in and registered, paused or not.
    func isStaffed(_ queue: String) -> Bool {
        queues[queue]?.members.contains { agents[$0]?.registered == true } ?? false
    }

    mutating func announce(_ callID: String) {
        guard let caller = callers[callID], !caller.isTalking, let queue = queues[caller.queue] else { return }
        let settings = queue.settings
        let position = queue.line.position(of: caller.key) ?? 1
        effects.append(.announce(
            callID: callID, position: settings.announcePosition ? position : nil,
            estimatedWaitSeconds: settings.announceWait ? estimatedWaitSeconds(position: position, in: queue) : nil))
        let timer = startTimer(.announce(callID: callID), seconds: settings.announceEverySeconds)
        callers[callID]?.announceTimer = timer
    }

    /// position × (average talk time + wrap-up) ÷ agents working the queue, rounded up to the
    /// second. Working agents are logged in and registered and not paused (at least one is
    /// assumed); the average talk time is `defaultTalkSeconds` until a conversation has ended.
    func estimatedWaitSeconds(position: Int, in queue: QueueRecord) -> Int {
        let working = queue.members.reduce(0) { count, agent in
            guard let record = agents[agent], record.registered else { return count }
            if case .paused = record.status { return count }
            return count + 1
        }
        let handleSeconds = (queue.figures.averageTalkSeconds ?? Self.defaultTalkSeconds) + queue.settings.wrapUpSeconds
        return Int((Double(position) * handleSeconds / Double(max(1, working))).rounded(.up))
    }
}

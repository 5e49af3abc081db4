/// Callbacks: a waiting caller hangs up and keeps its place (the same line key, so the same
/// priority and arrival); when it reaches an agent, the engine calls the customer back.
///
/// Agent-first: the callback is offered like a call (ring-all included); the agent who answers is
/// committed (`on_call`) while the customer is dialed. Customer-first: the first agent in the
/// queue's order is reserved (`on_call`, reason `callback`, its phone does not ring) while the
/// customer is dialed, and rung once the customer answers; if it does not answer, the customer
/// waits in line as any caller, for the next free agent.
extension QueueMachine {
    mutating func callbackRequested(_ callID: String) {
        guard let caller = callers[callID] else { return refuse(.unknownCaller(callID: callID)) }
        guard !caller.isTalking, caller.callback == nil else { return refuse(.notWaiting(callID: callID)) }
        let released = stopRinging(caller)
        cancel(caller.maxWaitTimer)
        cancel(caller.announceTimer)
        cancel(caller.offerTimer)
        callers[callID]?.maxWaitTimer = nil
        callers[callID]?.announceTimer = nil
        callers[callID]?.offerTimer = nil
        callers[callID]?.callback = CallerRecord.Callback(requestedAt: now)
        log(.callbackRequested, queue: caller.queue, callID: callID, wait: Self.rounded(now - caller.joinedAt))
        for agent in released { offerNextCaller(to: agent) }
        makeReady(callID)
    }

    /// Back in line after a restart: a new arrival number, but the first ones, since restored
    /// callbacks go in before the engine takes calls. Nothing is logged: the log has its request.
    mutating func restoreCallback(_ ticket: CallerTicket, joinedAt: Double, requestedAt: Double, attempts: Int) {
        guard queues[ticket.queue] != nil else { return refuse(.unknownQueue(ticket.queue)) }
        guard callers[ticket.callID] == nil else { return refuse(.alreadyQueued(callID: ticket.callID)) }
        sequence += 1
        var caller = CallerRecord(ticket: ticket, key: LineKey(priority: ticket.priority, sequence: sequence), joinedAt: joinedAt)
        caller.callback = CallerRecord.Callback(requestedAt: requestedAt, attempts: max(0, attempts))
        callers[ticket.callID] = caller
        queues[ticket.queue]?.line.insert(caller.key, callID: ticket.callID)
        queues[ticket.queue]?.ready.insert(caller.key, callID: ticket.callID)
        offer(ticket.callID)
    }

    /// Customer-first: the agent is held for the callback while its customer is dialed.
    mutating func reserve(_ agent: String, for callID: String) {
        guard let caller = callers[callID] else { return }
        queues[caller.queue]?.ready.remove(caller.key)
        queues[caller.queue]?.lastOffered = agent
        setStatus(agent, .onCall(callID: callID), reason: .callback)
        dialCustomer(callID, agent: agent)
    }

    /// One more attempt: the customer's phone rings for the queue's `callbackRingSeconds`.
    mutating func dialCustomer(_ callID: String, agent: String) {
        guard let caller = callers[callID], var callback = caller.callback, let settings = queues[caller.queue]?.settings else { return }
        callback.attempts += 1
        callers[callID]?.callback = callback
        callers[callID]?.phase = .dialing(agent: agent)
        effects.append(.dialCallback(callID: callID, agent: agent, number: caller.ticket.numberToCallBack))
        log(.callbackAttempt, queue: caller.queue, callID: callID, agent: agent, reason: String(callback.attempts))
        let timer = startTimer(.callbackRing(callID: callID), seconds: settings.callbackRingSeconds)
        callers[callID]?.offerTimer = timer
    }

    mutating func callbackAnswered(_ callID: String) {
        guard let caller = callers[callID], case .dialing(let agent) = caller.phase, let settings = queues[caller.queue]?.settings
        else { return effects.append(.hangUpCallback(callID: callID)) }  // too late: the attempt is over
        cancel(caller.offerTimer)
        callers[callID]?.offerTimer = nil
        callers[callID]?.callback?.customerUp = true
        switch settings.callbackMode {
        case .agentFirst:
            connect(callID, agent: agent)
        case .customerFirst:
            // The customer waits as a caller now, bounded by the queue's maximum wait.
            if settings.maxWaitSeconds > 0 {
                let timer = startTimer(.maxWait(callID: callID), seconds: settings.maxWaitSeconds)
                callers[callID]?.maxWaitTimer = timer
            }
            ring(callID, agents: [agent])
        }
    }

    mutating func callbackFailed(_ callID: String, reason: OfferFailure) {
        guard case .dialing? = callers[callID]?.phase else { return }  // a stale leg's failure
        endAttempt(callID, reason: reason.rawValue, counted: true)
    }

    /// The current attempt is over without a conversation: the agent is freed, and the callback
    /// waits its retry delay in its place, or is dropped after its last counted attempt.
    mutating func endAttempt(_ callID: String, reason: String, counted: Bool) {
        guard let caller = callers[callID], case .dialing(let agent) = caller.phase, var callback = caller.callback,
              let settings = queues[caller.queue]?.settings else { return }
        cancel(caller.offerTimer)
        callers[callID]?.offerTimer = nil
        effects.append(.cancelOffer(callID: callID, agent: agent))  // the agent's answered leg, agent-first
        let released = releaseCommitted(agent, from: callID)
        if !counted {
            callback.attempts -= 1
            callers[callID]?.missedBy.insert(agent)  // another agent, when there is one
        }
        if callback.attempts >= max(1, settings.callbackAttempts) {
            callers[callID] = nil
            queues[caller.queue]?.line.remove(caller.key)
            queues[caller.queue]?.ready.remove(caller.key)
            log(.callbackFailed, queue: caller.queue, callID: callID, wait: Self.rounded(now - callback.requestedAt), reason: reason)
        } else {
            callers[callID]?.callback = callback
            log(.callbackRetry, queue: caller.queue, callID: callID, agent: agent, wait: Self.rounded(now - callback.requestedAt),
                reason: reason)
            callers[callID]?.phase = .retrying
            let delay = counted ? settings.callbackRetrySeconds : 0
            if delay > 0 {
                let timer = startTimer(.retry(callID: callID), seconds: delay)
                callers[callID]?.offerTimer = timer
            } else {
                callers[callID]?.phase = .ready
                queues[caller.queue]?.ready.insert(caller.key, callID: callID)
            }
        }
        if released { offerNextCaller(to: agent) }
        if callers[callID]?.phase == .ready { offer(callID) }
    }

    /// The agent committed to a callback that did not happen: logged out, paused or available
    /// again, idle since before (it talked to nobody). True when it may be offered a caller now.
    mutating func releaseCommitted(_ agent: String, from callID: String) -> Bool {
        guard let record = agents[agent], record.status == .onCall(callID: callID) else { return false }
        if record.queues.isEmpty {
            setStatus(agent, .loggedOut, reason: .logout)
        } else if let reason = record.pendingPause {
            agents[agent]?.pendingPause = nil
            setStatus(agent, .paused(reason: reason), reason: .pause)
            log(.pause, queue: nil, agent: agent, reason: reason)
        } else {
            setStatus(agent, .available, reason: .callbackFailed)
        }
        return agents[agent]?.isOfferable == true
    }
}

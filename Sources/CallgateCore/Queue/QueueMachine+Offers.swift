/// Matching callers and agents: offers, answers, and offers that go unanswered.
extension QueueMachine {
    /// Offers a ready caller to the first agent in the queue's order (every one of them with
    /// ring-all). Nothing happens while no agent can take the caller.
    mutating func offer(_ callID: String) {
        guard let caller = callers[callID], caller.phase == .ready, let settings = queues[caller.queue]?.settings else { return }
        let chosen = chooseAgents(for: caller)
        guard let first = chosen.first else { return }
        if let callback = caller.callback, !callback.customerUp, settings.callbackMode == .customerFirst {
            return reserve(first, for: callID)
        }
        ring(callID, agents: chosen)
    }

    /// Rings the agents with the caller (taken off the ready line meanwhile) until the ring timeout.
    mutating func ring(_ callID: String, agents chosen: [String]) {
        guard let caller = callers[callID], let settings = queues[caller.queue]?.settings else { return }
        queues[caller.queue]?.ready.remove(caller.key)
        queues[caller.queue]?.lastOffered = chosen.last
        callers[callID]?.phase = .ringing(chosen)
        for agent in chosen {
            setStatus(agent, .ringing(callID: callID), reason: .offer)
            effects.append(.offer(callID: callID, agent: agent))
            log(.offer, queue: caller.queue, callID: callID, agent: agent)
        }
        let timer = startTimer(.ringTimeout(callID: callID), seconds: settings.ringTimeoutSeconds)
        callers[callID]?.offerTimer = timer
    }

    /// The available, registered agents of the queue who have the caller's skills, in the strategy's order:
    /// the first of them, or all of them for ring-all.
    mutating func chooseAgents(for caller: CallerRecord) -> [String] {
        guard let queue = queues[caller.queue] else { return [] }
        let required = caller.ticket.skills
        var candidates: [AgentCandidate] = []
        for agent in queue.offerable {
            guard let record = agents[agent], record.profile.qualifies(for: required) else { continue }
            candidates.append(AgentCandidate(
                extension: agent, idleSince: record.idleSince, callsTaken: record.callsTaken, talkSeconds: record.talkSeconds,
                skillLevel: record.profile.level(in: required), missedThisCaller: caller.missedBy.contains(agent),
                afterLastOffered: queue.lastOffered.map { agent > $0 } ?? true))
        }
        guard !candidates.isEmpty else { return [] }
        let strategy = queue.settings.strategy
        if strategy == .random {
            // Draw in extension order: the set's own order changes from run to run.
            candidates.sort { $0.extension < $1.extension }
            for index in candidates.indices { candidates[index].draw = Double.random(in: 0..<1, using: &random) }
        }
        if strategy.offersEveryone { return candidates.sorted(by: strategy.prefers).map(\.extension) }
        return candidates.min(by: strategy.prefers).map { [$0.extension] } ?? []
    }

    /// An agent became offerable: offers it the first caller, across its queues, that it can take.
    /// The queue's order still decides: another agent freed by the same input may be preferred.
    mutating func offerNextCaller(to agent: String) {
        while agents[agent]?.isOfferable == true, let callID = nextCaller(for: agent) {
            offer(callID)
            guard callers[callID]?.phase != .ready else { return }  // cannot happen; never loop
        }
    }

    /// The first ready caller the agent has the skills for: highest priority, then longest waiting, across its queues.
    func nextCaller(for agent: String) -> String? {
        guard let record = agents[agent] else { return nil }
        var best: WaitingLine.Entry?
        for name in record.queues {
            guard let queue = queues[name] else { continue }
            let first = queue.ready.entries.first { entry in
                callers[entry.callID].map { record.profile.qualifies(for: $0.ticket.skills) } ?? false
            }
            if let first, best.map({ first.key < $0.key }) ?? true { best = first }
        }
        return best?.callID
    }

    mutating func offerAnswered(_ callID: String, by agent: String) {
        guard let caller = callers[callID], case .ringing(let ringing) = caller.phase, ringing.contains(agent),
            agents[agent]?.status == .ringing(callID: callID)
        else {
            // Answered too late (caller gone, another agent first, ring timed out): hang that leg up.
            return effects.append(.cancelOffer(callID: callID, agent: agent))
        }
        if let callback = caller.callback, !callback.customerUp {
            // Agent-first: the agent is on the line; now the customer is called.
            cancel(caller.offerTimer)
            callers[callID]?.offerTimer = nil
            agents[agent]?.missedOffers = 0
            setStatus(agent, .onCall(callID: callID), reason: .answered)
            dialCustomer(callID, agent: agent)
        } else {
            connect(callID, agent: agent)
        }
        var released: [String] = []
        for other in ringing where other != agent {
            effects.append(.cancelOffer(callID: callID, agent: other))
            guard agents[other]?.status == .ringing(callID: callID) else { continue }
            setStatus(other, .available, reason: .cancelled)
            released.append(other)
        }
        for other in released { offerNextCaller(to: other) }
    }

    /// Caller (or a callback's customer) and agent talk: out of the line, the agent on the call.
    mutating func connect(_ callID: String, agent: String) {
        guard let caller = callers[callID] else { return }
        let wait = Self.rounded(now - caller.joinedAt)
        cancel(caller.offerTimer)
        cancel(caller.maxWaitTimer)
        cancel(caller.announceTimer)
        callers[callID]?.offerTimer = nil
        callers[callID]?.maxWaitTimer = nil
        callers[callID]?.announceTimer = nil
        callers[callID]?.phase = .talking(agent: agent, since: now)
        callers[callID]?.waitSeconds = wait
        queues[caller.queue]?.line.remove(caller.key)
        queues[caller.queue]?.ready.remove(caller.key)
        agents[agent]?.missedOffers = 0
        agents[agent]?.callsTaken += 1
        // Agent-first callbacks have their agent on the call already, since its answer.
        if agents[agent]?.status != .onCall(callID: callID) { setStatus(agent, .onCall(callID: callID), reason: .answered) }
        effects.append(.connected(callID: callID, agent: agent))
        if let callback = caller.callback {
            // A callback is not a live answer: it has its own line, with the wait since the request.
            log(.callbackCompleted, queue: caller.queue, callID: callID, agent: agent, wait: Self.rounded(now - callback.requestedAt))
        } else {
            log(.connect, queue: caller.queue, callID: callID, agent: agent, wait: wait)
        }
    }

    mutating func offerFailed(_ callID: String, by agent: String, reason: OfferFailure) {
        if case .dialing(let committed)? = callers[callID]?.phase, committed == agent {
            // Agent-first: the agent hung up while its callback's customer was being dialed.
            effects.append(.hangUpCallback(callID: callID))
            return endAttempt(callID, reason: "agent_hangup", counted: false)
        }
        // An offer already cancelled fails as well (487 after CANCEL): nothing to do.
        guard let caller = callers[callID], case .ringing(var ringing) = caller.phase, let index = ringing.firstIndex(of: agent),
            agents[agent]?.status == .ringing(callID: callID)
        else { return }
        ringing.remove(at: index)
        callers[callID]?.missedBy.insert(agent)
        callers[callID]?.phase = .ringing(ringing)
        log(.ringNoAnswer, queue: caller.queue, callID: callID, agent: agent, reason: reason.rawValue)
        if ringing.isEmpty {
            cancel(caller.offerTimer)
            callers[callID]?.offerTimer = nil
            retryLater(callID)
        }
        missed(agent, in: caller.queue, reason: AgentStatusReason(rawValue: reason.rawValue) ?? .failed)
        offerNextCaller(to: agent)
    }

    /// Nobody answered in time: every phone still ringing stops, and each of those agents missed the offer.
    mutating func ringTimedOut(_ callID: String) {
        guard let caller = callers[callID], case .ringing(let ringing) = caller.phase else { return }
        var released: [String] = []
        for agent in ringing {
            effects.append(.cancelOffer(callID: callID, agent: agent))
            callers[callID]?.missedBy.insert(agent)
            log(.ringNoAnswer, queue: caller.queue, callID: callID, agent: agent, reason: OfferFailure.noAnswer.rawValue)
            guard agents[agent]?.status == .ringing(callID: callID) else { continue }
            released.append(agent)
        }
        retryLater(callID)
        for agent in released { missed(agent, in: caller.queue, reason: .noAnswer) }
        for agent in released { offerNextCaller(to: agent) }
    }

    /// After an unanswered offer the caller waits the queue's retry delay before the next one.
    mutating func retryLater(_ callID: String) {
        guard let caller = callers[callID], let settings = queues[caller.queue]?.settings else { return }
        guard settings.retryDelaySeconds > 0 else { return makeReady(callID) }
        callers[callID]?.phase = .retrying
        let timer = startTimer(.retry(callID: callID), seconds: settings.retryDelaySeconds)
        callers[callID]?.offerTimer = timer
    }

    /// One more offer the agent left unanswered: available again, or paused once the queue's limit is reached.
    mutating func missed(_ agent: String, in queue: String, reason: AgentStatusReason) {
        guard let record = agents[agent] else { return }
        let missed = record.missedOffers + 1
        agents[agent]?.missedOffers = missed
        let limit = queues[queue]?.settings.maxMissedOffers ?? 0
        if limit > 0, missed >= limit {
            setStatus(agent, .paused(reason: "missed_offers"), reason: .missedOffers)
            log(.pause, queue: nil, agent: agent, reason: "missed_offers")
        } else {
            setStatus(agent, .available, reason: reason)
        }
    }

    /// The agent's side ends an offer that is still ringing (logout, pause, lost registration).
    /// Not counted as missed, but the caller prefers other agents from now on. With `retryDelay`
    /// the caller waits the queue's retry delay, else it is offered again at once.
    mutating func withdrawOffer(of agent: String, reason: String, retryDelay: Bool) {
        guard case .ringing(let callID) = agents[agent]?.status, let caller = callers[callID],
            case .ringing(var ringing) = caller.phase, let index = ringing.firstIndex(of: agent)
        else { return }
        ringing.remove(at: index)
        callers[callID]?.missedBy.insert(agent)
        callers[callID]?.phase = .ringing(ringing)
        effects.append(.cancelOffer(callID: callID, agent: agent))
        log(.ringNoAnswer, queue: caller.queue, callID: callID, agent: agent, reason: reason)
        guard ringing.isEmpty else { return }
        cancel(caller.offerTimer)
        callers[callID]?.offerTimer = nil
        if retryDelay { retryLater(callID) } else { makeReady(callID) }
    }
}

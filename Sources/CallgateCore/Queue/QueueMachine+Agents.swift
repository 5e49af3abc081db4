/// Agents logging in and out, pausing, and their phones' registrations.
extension QueueMachine {
    mutating func setRegistered(_ agent: String, _ registered: Bool) {
        // The registrar reports every extension; only agents matter here, and a refresh changes nothing.
        guard let record = agents[agent], record.registered != registered else { return }
        agents[agent]?.registered = registered
        if registered {
            refreshOfferable(agent)
            offerNextCaller(to: agent)
            return
        }
        if case .ringing = record.status {
            // The phone is gone: the offer ends as unanswered and the caller tries again after the delay.
            withdrawOffer(of: agent, reason: "unregistered", retryDelay: true)
            setStatus(agent, .available, reason: .unregistered)
        }
        refreshOfferable(agent)
        leaveIfEmpty(record.queues)
    }

    mutating func login(_ agent: String, to requested: [String]?) {
        guard let record = agents[agent] else { return refuse(.unknownAgent(agent)) }
        var wanted: [String] = []
        for name in requested ?? record.profile.queues where !wanted.contains(name) {
            guard queues[name] != nil else {
                if requested == nil { continue }
                return refuse(.unknownQueue(name))
            }
            guard record.profile.queues.contains(name) else { return refuse(.notAgentOfQueue(agent: agent, queue: name)) }
            wanted.append(name)
        }
        guard !wanted.isEmpty else { return refuse(.noQueues(agent: agent)) }
        let removed = record.queues.filter { !wanted.contains($0) }
        let added = wanted.filter { !record.queues.contains($0) }
        leaveQueues(agent, removed)
        agents[agent]?.queues = wanted
        for name in added {
            queues[name]?.members.insert(agent)
            log(.login, queue: name, agent: agent)
        }
        if case .ringing(let callID) = record.status, let queue = callers[callID]?.queue, removed.contains(queue) {
            withdrawOffer(of: agent, reason: "logout", retryDelay: false)
            setStatus(agent, .available, reason: .login)
        }
        if record.status == .loggedOut {
            agents[agent]?.idleSince = now
            agents[agent]?.missedOffers = 0
            setStatus(agent, .available, reason: .login)
        }
        refreshOfferable(agent)
        leaveIfEmpty(removed)
        offerNextCaller(to: agent)
    }

    /// Out of every queue now. An agent on a call finishes it and is logged out when it ends.
    mutating func logout(_ agent: String) {
        guard let record = agents[agent] else { return refuse(.unknownAgent(agent)) }
        guard !record.queues.isEmpty else { return refuse(.notLoggedIn(agent: agent)) }
        leaveQueues(agent, record.queues)
        agents[agent]?.queues = []
        agents[agent]?.pendingPause = nil
        switch record.status {
        case .ringing:
            withdrawOffer(of: agent, reason: "logout", retryDelay: false)
            setStatus(agent, .loggedOut, reason: .logout)
        case .onCall:
            break
        case .wrapUp:
            cancel(record.wrapUpTimer)
            agents[agent]?.wrapUpTimer = nil
            setStatus(agent, .loggedOut, reason: .logout)
        case .available, .paused, .loggedOut:
            setStatus(agent, .loggedOut, reason: .logout)
        }
        leaveIfEmpty(record.queues)
    }

    /// Takes the agent out of the queues' members, with a logout line for each.
    mutating func leaveQueues(_ agent: String, _ names: [String]) {
        for name in names {
            queues[name]?.members.remove(agent)
            queues[name]?.offerable.remove(agent)
            log(.logout, queue: name, agent: agent)
        }
    }

    /// A pause asked for during a conversation starts when the conversation ends.
    mutating func pause(_ agent: String, reason: String) {
        guard let record = agents[agent] else { return refuse(.unknownAgent(agent)) }
        guard !record.queues.isEmpty else { return refuse(.notLoggedIn(agent: agent)) }
        switch record.status {
        case .onCall:
            agents[agent]?.pendingPause = reason
            return
        case .ringing:
            withdrawOffer(of: agent, reason: "pause", retryDelay: false)
        case .wrapUp:
            cancel(record.wrapUpTimer)
            agents[agent]?.wrapUpTimer = nil
        case .available, .paused, .loggedOut:
            break
        }
        setStatus(agent, .paused(reason: reason), reason: .pause)
        log(.pause, queue: nil, agent: agent, reason: reason)
    }

    mutating func unpause(_ agent: String) {
        guard let record = agents[agent] else { return refuse(.unknownAgent(agent)) }
        guard !record.queues.isEmpty else { return refuse(.notLoggedIn(agent: agent)) }
        if record.pendingPause != nil {
            agents[agent]?.pendingPause = nil
            return
        }
        guard case .paused = record.status else { return refuse(.notPaused(agent: agent)) }
        agents[agent]?.missedOffers = 0
        log(.unpause, queue: nil, agent: agent)
        becomeAvailable(agent, reason: .unpause)
    }

    /// Idle from now, and offered the next caller it can take.
    mutating func becomeAvailable(_ agent: String, reason: AgentStatusReason) {
        agents[agent]?.idleSince = now
        setStatus(agent, .available, reason: reason)
        offerNextCaller(to: agent)
    }
}

/// The ACD as a pure state machine: every queue, waiting caller and agent of the engine. It takes
/// what happened (`ACDInput`, with the time) and returns what to do (`ACDEffect`s); SIP, media,
/// timers and the queue log's storage stay with its driver.
///
/// Callers wait in line by priority, then arrival; a queue's strategy is only the order in which
/// its available agents are offered a caller (`AgentOrder.swift`).
///
/// - warning: After every input, no caller ready for an offer could be offered to an available
///   agent: each input settles the callers and agents it changed, never every pair. Asserted
///   (for the head of each line) in debug builds.
/// - warning: Not thread-safe by itself; one driver owns it and feeds inputs one at a time, with
///   times that never go back (an earlier time is taken as the latest one seen).
public struct QueueMachine: Sendable {
    var queues: [String: QueueRecord] = [:]
    var agents: [String: AgentRecord] = [:]
    var callers: [String: CallerRecord] = [:]
    /// The random strategy's only source of randomness.
    var random: any RandomNumberGenerator & Sendable
    var now: Double
    /// Arrival order of callers, across queues.
    var sequence = 0
    var timerGeneration = 0
    var effects: [ACDEffect] = []

    /// The talk time assumed for the estimated wait until a queue has completed a conversation.
    public static let defaultTalkSeconds: Double = 120

    /// Queues and agents as configured; nobody is logged in or registered yet. Agents' queues
    /// that name no configured queue are ignored.
    public init(
        queues: [QueueSettings], agents: [AgentProfile],
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(), at time: Double = 0
    ) {
        for settings in queues { self.queues[settings.name] = QueueRecord(settings: settings) }
        for profile in agents { self.agents[profile.extension] = AgentRecord(profile: profile) }
        self.random = random
        now = time
    }

    /// Feeds one input at `time` (seconds; the engine uses unix time); returns the effects in order.
    public mutating func handle(_ input: ACDInput, at time: Double) -> [ACDEffect] {
        now = max(now, time)
        effects = []
        switch input {
        case .callerJoined(let ticket): join(ticket)
        case .callerLeft(let callID, let reason): callerLeft(callID, reason: reason)
        case .agentRegistered(let agent): setRegistered(agent, true)
        case .agentUnregistered(let agent): setRegistered(agent, false)
        case .agentLogin(let agent, let names): login(agent, to: names)
        case .agentLogout(let agent): logout(agent)
        case .agentPause(let agent, let reason): pause(agent, reason: reason)
        case .agentUnpause(let agent): unpause(agent)
        case .offerAnswered(let callID, let agent): offerAnswered(callID, by: agent)
        case .offerFailed(let callID, let agent, let reason): offerFailed(callID, by: agent, reason: reason)
        case .conversationEnded(let callID, let side): conversationEnded(callID, by: side)
        case .timerFired(let timer): timerFired(timer)
        case .callbackRequested(let callID): callbackRequested(callID)
        case .callbackAnswered(let callID): callbackAnswered(callID)
        case .callbackFailed(let callID, let reason): callbackFailed(callID, reason: reason)
        case .callbackRestored(let ticket, let joinedAt, let requestedAt, let attempts):
            restoreCallback(ticket, joinedAt: joinedAt, requestedAt: requestedAt, attempts: attempts)
        }
        assert(headsAreSettled(), "a caller ready for an offer was left beside an available agent who could take it")
        return effects
    }

    /// The invariant, checked at the head of each line: nobody there could be offered to an available agent.
    func headsAreSettled() -> Bool {
        for queue in queues.values where !queue.offerable.isEmpty {
            guard let head = queue.ready.first, let caller = callers[head.callID] else { continue }
            if queue.offerable.contains(where: { agents[$0]?.profile.qualifies(for: caller.ticket.skills) == true }) { return false }
        }
        return true
    }

    /// True while the machine has the caller: waiting, called back, or talking.
    public func holds(_ callID: String) -> Bool { callers[callID] != nil }

    /// A queue's settings, for the engine (music on hold, recording); nil for an unknown queue.
    public func settings(of queue: String) -> QueueSettings? { queues[queue]?.settings }

    mutating func timerFired(_ timer: ACDTimer) {
        switch timer.kind {
        case .maxWait(let callID) where callers[callID]?.maxWaitTimer == timer:
            callers[callID]?.maxWaitTimer = nil
            leaveLine(callID, event: .timeout, done: .timeout)
        case .ringTimeout(let callID) where callers[callID]?.offerTimer == timer:
            callers[callID]?.offerTimer = nil
            ringTimedOut(callID)
        case .retry(let callID) where callers[callID]?.offerTimer == timer:
            callers[callID]?.offerTimer = nil
            makeReady(callID)
        case .announce(let callID) where callers[callID]?.announceTimer == timer:
            announce(callID)
        case .callbackRing(let callID) where callers[callID]?.offerTimer == timer:
            callers[callID]?.offerTimer = nil
            effects.append(.hangUpCallback(callID: callID))
            callbackFailed(callID, reason: .noAnswer)
        case .wrapUp(let agent) where agents[agent]?.wrapUpTimer == timer:
            agents[agent]?.wrapUpTimer = nil
            becomeAvailable(agent, reason: .wrapUpDone)
        default:
            break  // cancelled or replaced: stale
        }
    }

    // MARK: - Helpers shared by the extensions

    mutating func startTimer(_ kind: ACDTimer.Kind, seconds: Double) -> ACDTimer {
        timerGeneration += 1
        let timer = ACDTimer(kind: kind, generation: timerGeneration)
        effects.append(.startTimer(timer, seconds: seconds))
        return timer
    }

    mutating func cancel(_ timer: ACDTimer?) {
        if let timer { effects.append(.cancelTimer(timer)) }
    }

    mutating func refuse(_ error: ACDError) {
        effects.append(.refused(error))
    }

    /// Changes an agent's status, keeps the queues' offerable sets right, and reports the change.
    mutating func setStatus(_ agent: String, _ status: AgentStatus, reason: AgentStatusReason) {
        guard agents[agent] != nil else { return }
        agents[agent]?.status = status
        refreshOfferable(agent)
        effects.append(.agentStatus(agent, status, reason: reason))
    }

    /// Puts the agent in, or takes it out of, the offerable set of each queue it is logged in to.
    mutating func refreshOfferable(_ agent: String) {
        guard let record = agents[agent] else { return }
        for name in record.queues {
            if record.isOfferable { queues[name]?.offerable.insert(agent) } else { queues[name]?.offerable.remove(agent) }
        }
    }

    /// Writes a queue log line and counts it in the queue's figures.
    mutating func log(
        _ event: QueueLogEvent, queue: String?, callID: String? = nil, agent: String? = nil, wait: Double? = nil,
        talk: Double? = nil, reason: String? = nil, atTheDoor: Bool = false
    ) {
        effects.append(.log(QueueLogEntry(
            time: now, queue: queue, callID: callID, agent: agent, event: event, waitSeconds: wait, talkSeconds: talk,
            reason: reason)))
        if let queue { queues[queue]?.count(event, wait: wait ?? 0, talk: talk ?? 0, atTheDoor: atTheDoor) }
    }

    /// Seconds to the millisecond, as the queue log and `queue.done` carry them.
    static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
}

extension QueueRecord {
    mutating func count(_ event: QueueLogEvent, wait: Double, talk: Double, atTheDoor: Bool) {
        switch event {
        case .enter: figures.entered += 1
        case .connect:
            figures.answered += 1
            figures.answeredWaitSeconds += wait
            if wait <= settings.serviceLevelSeconds { figures.answeredWithinServiceLevel += 1 }
        case .abandon: figures.abandoned += 1
        case .timeout: figures.timedOut += 1
        case .exitKey: figures.exitedWithKey += 1
        case .full: figures.refusedFull += 1
        case .noAgents where atTheDoor: figures.refusedNoAgents += 1
        case .noAgents: figures.leftNoAgents += 1
        case .completeAgent, .completeCaller:
            figures.completed += 1
            figures.talkSeconds += talk
        case .callbackRequested: figures.callbacksRequested += 1
        case .callbackCompleted:
            figures.callbacksCompleted += 1
            figures.callbackWaitSeconds += wait
        case .callbackFailed: figures.callbacksFailed += 1
        case .offer, .ringNoAnswer, .pause, .unpause, .login, .logout, .supervise, .superviseEnd, .callbackAttempt, .callbackRetry: break
        }
    }
}

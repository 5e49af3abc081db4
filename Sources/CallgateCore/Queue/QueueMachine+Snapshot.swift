extension QueueMachine {
    /// The queues and agents now (at the time of the last input).
    public func snapshot() -> ACDSnapshot { snapshot(at: now) }

    /// The queues and agents, with waits measured up to `time`.
    public func snapshot(at time: Double) -> ACDSnapshot {
        var talking: [String: Int] = [:]
        for caller in callers.values where caller.isTalking { talking[caller.queue, default: 0] += 1 }
        let queueViews = queues.values.sorted { $0.settings.name < $1.settings.name }.map { queue in
            ACDSnapshot.Queue(
                name: queue.settings.name, strategy: queue.settings.strategy,
                waiting: queue.line.entries.enumerated().compactMap { index, entry in
                    callers[entry.callID].map { caller in
                        var ringing: [String] = []
                        if case .ringing(let agents) = caller.phase { ringing = agents }
                        return ACDSnapshot.Caller(
                            callID: caller.callID, priority: caller.ticket.priority,
                            waitedSeconds: Self.rounded(max(0, time - caller.joinedAt)), position: index + 1, ringing: ringing,
                            callerNumber: caller.ticket.callerNumber)
                    }
                },
                talking: talking[queue.settings.name] ?? 0, agents: queue.members.sorted(),
                availableAgents: queue.offerable.count, figures: queue.figures)
        }
        let agentViews = agents.values.sorted { $0.profile.extension < $1.profile.extension }.map { agent in
            ACDSnapshot.Agent(
                extension: agent.profile.extension, name: agent.profile.name, status: agent.status, registered: agent.registered,
                queues: agent.queues, callsTaken: agent.callsTaken, talkSeconds: agent.talkSeconds,
                idleSince: agent.status == .loggedOut ? nil : agent.idleSince, missedOffers: agent.missedOffers,
                pendingPause: agent.pendingPause)
        }
        return ACDSnapshot(time: time, queues: queueViews, agents: agentViews)
    }
}

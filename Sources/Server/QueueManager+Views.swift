import CallgateCore
import HTTPAPI

extension QueueManager {
    /// An agent control from the API or a feature code; refused inputs become API errors.
    func control(_ input: ACDInput, agent: String) throws(OperationsError) {
        guard services.config.agent(extension: agent) != nil else { throw .unknownAgent(agent) }
        let effects = machine.handle(input, at: now)
        apply(effects)
        for case .refused(let error) in effects {
            throw .invalid("\(error)")
        }
    }

    func queueViews() -> [QueueView] {
        let snapshot = machine.snapshot(at: now)
        let statuses = Dictionary(snapshot.agents.map { ($0.extension, $0.status) }, uniquingKeysWith: { a, _ in a })
        return snapshot.queues.map { queue in
            QueueView(
                name: queue.name, strategy: queue.strategy.rawValue,
                waiting: queue.waiting.map { caller in
                    WaitingCaller(callID: caller.callID, callerNumber: caller.callerNumber,
                                  callerName: callers[caller.callID]?.ticket.callerName, priority: caller.priority,
                                  waitedSeconds: (caller.waitedSeconds * 10).rounded() / 10, position: caller.position)
                },
                agents: queue.agents.map { QueueMember(extension: $0, status: Self.apiStatus(statuses[$0] ?? .loggedOut)) },
                counters: QueueCounters(entered: queue.figures.entered, answered: queue.figures.answered,
                                        abandoned: queue.figures.abandoned, timedOut: queue.figures.timedOut,
                                        exited: queue.figures.exitedWithKey + queue.figures.leftNoAgents,
                                        rejected: queue.figures.refusedFull + queue.figures.refusedNoAgents))
        }
    }

    func agentViews() -> [AgentView] {
        machine.snapshot(at: now).agents.map { agent in
            var pause: String?
            var call: String?
            switch agent.status {
            case .paused(let reason): pause = reason
            case .ringing(let id), .onCall(let id): call = id
            default: break
            }
            return AgentView(extension: agent.extension, name: agent.name, status: Self.apiStatus(agent.status), pauseReason: pause,
                             registered: agent.registered, queues: agent.queues, currentCallID: call, callsTaken: agent.callsTaken,
                             talkSeconds: (agent.talkSeconds * 10).rounded() / 10)
        }
    }

    static func apiStatus(_ status: CallgateCore.AgentStatus) -> APIAgentStatus {
        APIAgentStatus(rawValue: status.name) ?? .loggedOut
    }
}

import Foundation
import Storage
import CallgateCore
import Engine
import HTTPAPI

/// The queue driver's state as the HTTP API writes it.
enum QueueViews {
    static func queues(_ driver: QueueDriver<ContinuousClock>) async -> [QueueView] {
        let snapshot = await driver.snapshot()
        let statuses = Dictionary(snapshot.agents.map { ($0.extension, $0.status) }, uniquingKeysWith: { a, _ in a })
        var views: [QueueView] = []
        for queue in snapshot.queues {
            var waiting: [WaitingCaller] = []
            for caller in queue.waiting {
                waiting.append(WaitingCaller(callID: caller.callID, callerNumber: caller.callerNumber,
                                             callerName: await driver.callerName(caller.callID), priority: caller.priority,
                                             waitedSeconds: (caller.waitedSeconds * 10).rounded() / 10, position: caller.position))
            }
            views.append(QueueView(
                name: queue.name, strategy: queue.strategy.rawValue, waiting: waiting,
                agents: queue.agents.map { QueueMember(extension: $0, status: (statuses[$0] ?? .loggedOut).kind) },
                counters: QueueCounters(entered: queue.figures.entered, answered: queue.figures.answered,
                                        abandoned: queue.figures.abandoned, timedOut: queue.figures.timedOut,
                                        exited: queue.figures.exitedWithKey + queue.figures.leftNoAgents,
                                        rejected: queue.figures.refusedFull + queue.figures.refusedNoAgents)))
        }
        return views
    }

    static func agents(_ driver: QueueDriver<ContinuousClock>) async -> [AgentView] {
        await driver.snapshot().agents.map { agent in
            var pause: String?
            var call: String?
            switch agent.status {
            case .paused(let reason): pause = reason
            case .ringing(let id), .onCall(let id): call = id
            default: break
            }
            return AgentView(extension: agent.extension, name: agent.name, status: agent.status.kind, pauseReason: pause,
                             registered: agent.registered, queues: agent.queues, currentCallID: call, callsTaken: agent.callsTaken,
                             talkSeconds: (agent.talkSeconds * 10).rounded() / 10)
        }
    }
}

/// The adapters the queue driver's ports need from `serve`'s parts.
extension EventHub: EngineEventSink {}
extension CallStore: QueueLogWriter {}

/// The engine's queue driver, on the wall clock.
typealias Queues = QueueDriver<ContinuousClock>

extension CallStore: AgentChoiceStore {
    public func savedChoices() async throws -> [String: AgentChoice] {
        var choices: [String: AgentChoice] = [:]
        for saved in try await agentStates() {
            switch saved.state {
            case "logged_out": choices[saved.agent] = .loggedOut
            case "paused": choices[saved.agent] = .paused(reason: saved.reason ?? "")
            default: choices[saved.agent] = .loggedIn(queues: saved.queues ?? [])
            }
        }
        return choices
    }

    public func save(_ choice: AgentChoice, for agent: String) async throws {
        let state: StoredAgentState = switch choice {
        case .loggedOut: StoredAgentState(agent: agent, state: "logged_out")
        case .paused(let reason): StoredAgentState(agent: agent, state: "paused", reason: reason)
        case .loggedIn(let queues): StoredAgentState(agent: agent, state: "logged_in", queues: queues)
        }
        try await saveAgentState(state)
    }
}

/// Waiting callbacks in SQLite, so a restart keeps the customers' places.
extension CallStore: CallbackStore {
    public func savedCallbacks() async throws -> [SavedCallback] {
        try await callbacks().map { c in
            var ticket = CallerTicket(callID: c.callID, queue: c.queue, priority: c.priority, skills: c.skills, callerNumber: c.callerNumber,
                                      callerName: c.callerName)
            ticket.callbackNumber = c.number
            return SavedCallback(ticket: ticket, vars: c.vars, joinedAt: c.joinedAt, requestedAt: c.requestedAt, attempts: c.attempts)
        }
    }

    public func save(_ callback: SavedCallback) async throws {
        let t = callback.ticket
        try await saveCallback(StoredCallback(
            callID: t.callID, queue: t.queue, priority: t.priority, skills: t.skills, number: t.numberToCallBack,
            callerNumber: t.callerNumber, callerName: t.callerName, vars: callback.vars, joinedAt: callback.joinedAt,
            requestedAt: callback.requestedAt, attempts: callback.attempts))
    }

    public func remove(callID: String) async throws { try await deleteCallback(callID: callID) }
}

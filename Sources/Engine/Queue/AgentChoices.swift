import CallgateCore

/// What an agent chose through the API or a feature code, kept across restarts.
public enum AgentChoice: Sendable, Hashable {
    /// Logged in to these queues.
    case loggedIn(queues: [String])
    case paused(reason: String)
    case loggedOut
}

/// Where the queue driver keeps agents' choices (the SQLite store in `serve`).
public protocol AgentChoiceStore: Sendable {
    func savedChoices() async throws -> [String: AgentChoice]
    func save(_ choice: AgentChoice, for agent: String) async throws
}

extension QueueDriver {
    /// Logs the agents in as they last chose: those with no saved choice to all their queues,
    /// paused agents paused again with their reason, logged-out agents not at all; then marks the
    /// phones registered now.
    public func start(registered: [String]) async {
        var saved: [String: AgentChoice] = [:]
        if let choices {
            do { saved = try await choices.savedChoices() } catch { logger.error("could not load the agents' states: \(error)") }
        }
        for agent in profiles where !agent.queues.isEmpty {
            switch saved[agent.extension] {
            case .loggedOut?:
                continue
            case .loggedIn(let queues)?:
                apply(machine.handle(.agentLogin(agent.extension, queues: queues.filter(agent.queues.contains)), at: now))
            case .paused(let reason)?:
                apply(machine.handle(.agentLogin(agent.extension, queues: nil), at: now))
                apply(machine.handle(.agentPause(agent.extension, reason: reason), at: now))
            case nil:
                apply(machine.handle(.agentLogin(agent.extension, queues: nil), at: now))
            }
        }
        await restoreCallbacks()
        for agent in registered { registration(agent, reachable: true) }
    }

    /// An agent control from the API or a feature code; the machine's refusal is thrown. What the
    /// agent chose is saved, so a restart keeps it.
    public func control(_ input: ACDInput) async throws(ACDError) {
        let effects = machine.handle(input, at: now)
        apply(effects)
        for case .refused(let error) in effects { throw error }
        guard let agent = input.agent else { return }
        await saveChoice(of: agent)
    }

    /// Saves the agent's choice as the machine has it now; again if it changed during the write.
    func saveChoice(of agent: String) async {
        guard let choices else { return }
        var written: AgentChoice?
        while let current = choice(of: agent), current != written {
            do { try await choices.save(current, for: agent) } catch {
                logger.error("could not save agent \(agent)'s state: \(error)")
                return
            }
            written = current
        }
    }

    func choice(of agent: String) -> AgentChoice? {
        guard let record = machine.snapshot(at: now).agents.first(where: { $0.extension == agent }) else { return nil }
        switch record.status {
        case .loggedOut: return .loggedOut
        case .paused(let reason): return .paused(reason: reason)
        default: return .loggedIn(queues: record.queues)
        }
    }

    /// A clean shutdown: every logged-in agent's `logout` line is written (the reports then do not
    /// count the downtime as logged in), without changing what the agents chose; timers stop and
    /// the queue log is flushed.
    public func shutdown() async {
        for agent in machine.snapshot(at: now).agents where agent.status.isLoggedIn {
            apply(machine.handle(.agentLogout(agent.extension), at: now))
        }
        stop()
        await flushQueueLog()
    }
}

extension ACDInput {
    /// The agent an agent control is about.
    var agent: String? {
        switch self {
        case .agentLogin(let agent, _), .agentLogout(let agent), .agentPause(let agent, _), .agentUnpause(let agent): agent
        default: nil
        }
    }
}

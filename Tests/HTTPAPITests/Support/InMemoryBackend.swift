import CallgateCore
import HTTPAPI
import Synchronization

/// Stands in for the engine behind `OperationsBackend`: a few agents and queues in memory, the
/// agent actions with the engine's refusals, and `publish` to every event subscriber.
final class InMemoryBackend: OperationsBackend {
    private struct State {
        var agents: [AgentView]
        var queues: [QueueView]
        var subscribers: [Int: AsyncStream<EngineEvent>.Continuation] = [:]
        var nextSubscriber = 0
        /// Every call of an agent action, as "pause 1001 lunch".
        var calls: [String] = []
        /// What `GET /api/security` reports.
        var bans: [BanView] = []
    }

    private let state: Mutex<State>

    init(agents: [AgentView] = InMemoryBackend.sampleAgents, queues: [QueueView] = InMemoryBackend.sampleQueues) {
        state = Mutex(State(agents: agents, queues: queues))
    }

    static let sampleAgents = [
        AgentView(extension: "1001", name: "Alice", status: .available, registered: true, queues: ["sales", "support"],
                  callsTaken: 12, talkSeconds: 2310.5),
        AgentView(extension: "1002", name: "Bob", status: .onCall, registered: true, queues: ["sales"],
                  currentCallID: "c-7f3a2e", callsTaken: 7, talkSeconds: 1840),
        AgentView(extension: "1003", name: "Carol", status: .loggedOut, registered: false, queues: []),
    ]

    static let sampleQueues = [
        QueueView(name: "sales", strategy: "longest_idle",
                  waiting: [WaitingCaller(callID: "c-81bb01", callerNumber: "+4930123456", callerName: "Dana Smith", priority: 5,
                                          waitedSeconds: 42.5, position: 1),
                            WaitingCaller(callID: "c-81bb02", callerNumber: "+4930999999", waitedSeconds: 12, position: 2)],
                  agents: [QueueMember(extension: "1001", status: .available), QueueMember(extension: "1002", status: .onCall)],
                  counters: QueueCounters(entered: 40, answered: 35, abandoned: 3, timedOut: 1, exited: 1, rejected: 0)),
        QueueView(name: "after hours", strategy: "ring_all"),
    ]

    var calls: [String] { state.withLock { $0.calls } }

    /// Sets the bans `security()` reports.
    func ban(_ bans: [BanView]) { state.withLock { $0.bans = bans } }

    func security() async -> SecurityView { SecurityView(bans: state.withLock { $0.bans }) }
    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Sends an event to every subscriber, as the engine does: never waiting.
    func publish(_ event: EngineEvent) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.yield(event) }
    }

    /// The engine stops: every event stream ends.
    func finishStreams() {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.finish() }
    }

    // MARK: OperationsBackend

    func status() async -> EngineStatus {
        EngineStatus(version: "1.2.3", activeCalls: 3, registeredAgents: 2, uptimeSeconds: 3600)
    }

    func queues() async -> [QueueView] { state.withLock { $0.queues } }
    func agents() async -> [AgentView] { state.withLock { $0.agents } }

    func login(agent: String, queues: [String]?) async throws(OperationsError) {
        try update(agent, call: "login \(agent) \(queues?.joined(separator: ",") ?? "default")") { (agent: inout AgentView, known: Set<String>) throws(OperationsError) in
            if let unknown = queues?.first(where: { !known.contains($0) }) { throw .unknownQueue(unknown) }
            agent.status = .available
            if let queues { agent.queues = queues }
        }
    }

    func logout(agent: String) async throws(OperationsError) {
        try update(agent, call: "logout \(agent)") { (agent: inout AgentView, _: Set<String>) throws(OperationsError) in
            guard agent.status != .onCall else { throw .invalid("agent \(agent.extension) is on a call") }
            agent.status = .loggedOut
        }
    }

    func pause(agent: String, reason: String) async throws(OperationsError) {
        try update(agent, call: "pause \(agent) \(reason)") { (agent: inout AgentView, _: Set<String>) throws(OperationsError) in
            guard agent.status != .loggedOut else { throw .invalid("agent \(agent.extension) is not logged in") }
            agent.status = .paused
            agent.pauseReason = reason
        }
    }

    func unpause(agent: String) async throws(OperationsError) {
        try update(agent, call: "unpause \(agent)") { (agent: inout AgentView, _: Set<String>) throws(OperationsError) in
            guard agent.status == .paused else { throw .invalid("agent \(agent.extension) is not paused") }
            agent.status = .available
            agent.pauseReason = nil
        }
    }

    func events() -> AsyncStream<EngineEvent> {
        let (stream, continuation) = AsyncStream<EngineEvent>.makeStream()
        let id = state.withLock { state in
            defer { state.nextSubscriber += 1 }
            state.subscribers[state.nextSubscriber] = continuation
            return state.nextSubscriber
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    private func update(_ ext: String, call: String,
                        _ change: (inout AgentView, Set<String>) throws(OperationsError) -> Void) throws(OperationsError) {
        let result: Result<Void, OperationsError> = state.withLock { state in
            state.calls.append(call)
            guard let index = state.agents.firstIndex(where: { $0.extension == ext }) else {
                return .failure(.unknownAgent(ext))
            }
            let known = Set(state.queues.map(\.name))
            do throws(OperationsError) {
                try change(&state.agents[index], known)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }
}

import CallgateCore
import Foundation
import HTTPAPI

/// What the HTTP API sees of the engine: queues, agents and their controls, the event stream.
struct Operations: OperationsBackend {
    let queues: QueueManager
    let hub: EventHub
    let statusProvider: @Sendable () async -> EngineStatus
    /// The SIP front's bans, for `GET /api/security`.
    var securityProvider: @Sendable () async -> SecurityView = { SecurityView(bans: []) }

    func status() async -> EngineStatus { await statusProvider() }

    func queues() async -> [QueueView] { await queues.queueViews() }

    func agents() async -> [AgentView] { await queues.agentViews() }

    func login(agent: String, queues names: [String]?) async throws(OperationsError) {
        try await queues.control(.agentLogin(agent, queues: names), agent: agent)
    }

    func logout(agent: String) async throws(OperationsError) {
        try await queues.control(.agentLogout(agent), agent: agent)
    }

    func pause(agent: String, reason: String) async throws(OperationsError) {
        try await queues.control(.agentPause(agent, reason: reason), agent: agent)
    }

    func unpause(agent: String) async throws(OperationsError) {
        try await queues.control(.agentUnpause(agent), agent: agent)
    }

    func events() -> AsyncStream<EngineEvent> { hub.subscribe() }

    func security() async -> SecurityView { await securityProvider() }
}

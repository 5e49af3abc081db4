import CallgateCore
import Foundation
import Engine
import HTTPAPI

/// What the HTTP API sees of the engine: queues, agents and their controls, the event stream.
struct Operations: OperationsBackend {
    let queues: Queues
    /// The configured agents' extensions: a control for any other is refused as unknown.
    let agentExtensions: Set<String>
    let hub: EventHub
    let statusProvider: @Sendable () async -> EngineStatus
    /// The SIP front's bans, for `GET /api/security`.
    var securityProvider: @Sendable () async -> SecurityView = { SecurityView(bans: []) }
    /// Where each trunk's registration stands (`GET /api/trunks`).
    var trunkProvider: @Sendable () async -> [TrunkRegistrationView] = { [] }
    /// The conference rooms; nil: none (every room is unknown).
    var rooms: Conferences?
    /// Supervisors in calls, for `/api/calls/{id}/supervise`.
    var supervisions: Supervisions?
    /// The calls up, for `/api/calls` (Operations+Calls); nil lists none.
    var router: CallRouter?
    /// Outbound campaigns, for `/api/campaigns` (Campaigns/Operations+Campaigns); nil: none kept.
    var campaignEngine: Campaigns?
    /// The call router's transfer, for `POST /api/calls/{id}/transfer` (Operations+Transfer).
    var transferProvider: @Sendable (_ call: String, _ target: String) async throws(CallTransferError) -> Void = { call, _ throws(CallTransferError) in
        throw .unknownCall(call)
    }
    /// The call router's three-way call, for `POST /api/calls/{id}/participants`.
    var partyProvider: @Sendable (_ call: String, _ target: String) async throws(CallTransferError) -> Void = { call, _ throws(CallTransferError) in
        throw .unknownCall(call)
    }

    func status() async -> EngineStatus { await statusProvider() }

    func queues() async -> [QueueView] { await QueueViews.queues(queues) }

    func agents() async -> [AgentView] { await QueueViews.agents(queues) }

    func login(agent: String, queues names: [String]?) async throws(OperationsError) {
        try await control(.agentLogin(agent, queues: names), agent: agent)
    }

    func logout(agent: String) async throws(OperationsError) {
        try await control(.agentLogout(agent), agent: agent)
    }

    func pause(agent: String, reason: String) async throws(OperationsError) {
        try await control(.agentPause(agent, reason: reason), agent: agent)
    }

    func unpause(agent: String) async throws(OperationsError) {
        try await control(.agentUnpause(agent), agent: agent)
    }

    /// An agent control from the API or a feature code; the queue machine's refusal is the API's error.
    func control(_ input: ACDInput, agent: String) async throws(OperationsError) {
        guard agentExtensions.contains(agent) else { throw .unknownAgent(agent) }
        do {
            try await queues.control(input)
        } catch {
            throw .invalid("\(error)")
        }
    }

    func events() -> AsyncStream<EngineEvent> { hub.subscribe() }

    func security() async -> SecurityView { await securityProvider() }

    func conferences() async -> [ConferenceView] { await rooms?.views() ?? [] }

    func setMuted(_ muted: Bool, room: String, callID: String) async throws(OperationsError) {
        guard let rooms else { throw .unknownConference(room) }
        try await rooms.setMuted(muted, room: room, callID: callID)
    }

    func kick(room: String, callID: String) async throws(OperationsError) {
        guard let rooms else { throw .unknownConference(room) }
        try await rooms.kick(room: room, callID: callID)
    }
}

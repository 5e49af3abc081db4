import CallgateCore
import Engine
import HTTPAPI

/// `/api/calls`: the router's live calls, each with the agent the queue gave it.
extension Operations {
    func liveCalls() async -> [CallView] {
        guard let router else { return [] }
        return await router.liveCalls(agents: await agentsByCall())
    }

    func liveCall(_ id: String) async -> CallView? {
        await router?.liveCall(id, agents: await agentsByCall())
    }

    func hangUp(call: String) async throws(CallControlError) {
        guard let router else { throw .unknownCall(call) }
        try await router.hangUp(call)
    }

    func setRecordingPaused(_ paused: Bool, call: String) async throws(CallControlError) {
        guard let router else { throw .unknownCall(call) }
        try await router.setRecordingPaused(paused, call: call)
    }

    /// The agent ringing for or talking on each call, by call id.
    func agentsByCall() async -> [String: String] {
        var agents: [String: String] = [:]
        for agent in await queues.snapshot().agents {
            switch agent.status {
            case .ringing(let id), .onCall(let id): agents[id] = agent.extension
            default: break
            }
        }
        return agents
    }
}

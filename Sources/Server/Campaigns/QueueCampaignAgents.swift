import CallgateCore
import Engine

/// An agent campaign's view of its queue, from the queue driver's snapshot: the agents free now,
/// and the calls its agents ring for or talk to (campaign calls that reached an agent).
struct QueueCampaignAgents: CampaignAgents {
    let queues: Queues

    func availability(queue name: String) async -> QueueAvailability {
        let snapshot = await queues.snapshot()
        guard let queue = snapshot.queues.first(where: { $0.name == name }) else { return QueueAvailability(freeAgents: 0) }
        let members = Set(queue.agents)
        var served: Set<String> = []
        for agent in snapshot.agents where members.contains(agent.extension) {
            switch agent.status {
            case .ringing(let callID), .onCall(let callID): served.insert(callID)
            default: break
            }
        }
        return QueueAvailability(freeAgents: queue.availableAgents, servedCalls: served)
    }
}

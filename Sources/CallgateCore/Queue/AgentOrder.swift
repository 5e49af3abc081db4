/// What a strategy may look at to place one agent who could take the caller.
struct AgentCandidate: Sendable {
    var `extension`: String
    var idleSince: Double
    var callsTaken: Int
    var talkSeconds: Double
    /// The agent's total level in the skills the caller asked for.
    var skillLevel: Int
    /// The agent already let this caller ring out: every other agent comes first.
    var missedThisCaller: Bool
    /// Round-robin: the agent's extension comes after the one offered last in this queue.
    var afterLastOffered: Bool
    /// Random: drawn from the machine's generator for this decision only.
    var draw: Double = 0
}

extension QueueStrategy {
    /// The whole of a strategy: the sort key of a candidate, smaller first. Ties fall to the agent
    /// idle longest, then to the lower extension, so every order is total and deterministic.
    func sortKey(_ agent: AgentCandidate) -> (Double, Double) {
        switch self {
        case .ringAll, .longestIdle: (agent.idleSince, 0)
        case .roundRobin: (agent.afterLastOffered ? 0 : 1, 0)
        case .fewestCalls: (Double(agent.callsTaken), agent.idleSince)
        case .leastTalkTime: (agent.talkSeconds, agent.idleSince)
        case .random: (agent.draw, 0)
        case .skillsBased: (-Double(agent.skillLevel), agent.idleSince)
        }
    }

    /// True when `a` is offered before `b`.
    func prefers(_ a: AgentCandidate, over b: AgentCandidate) -> Bool {
        if a.missedThisCaller != b.missedThisCaller { return !a.missedThisCaller }
        let (keyA, keyB) = (sortKey(a), sortKey(b))
        if keyA.0 != keyB.0 { return keyA.0 < keyB.0 }
        if keyA.1 != keyB.1 { return keyA.1 < keyB.1 }
        return a.extension < b.extension
    }

    /// Ring-all offers every candidate; the others offer the first.
    var offersEveryone: Bool { self == .ringAll }
}

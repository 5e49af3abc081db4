/// Why the queue machine refused an input (`ACDEffect.refused`): the engine answers the HTTP
/// request or fails the `enqueue` action with it.
public enum ACDError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownQueue(String)
    case unknownAgent(String)
    /// A login asked for a queue the agent is not configured for.
    case notAgentOfQueue(agent: String, queue: String)
    /// A login with no queue to log in to.
    case noQueues(agent: String)
    case notLoggedIn(agent: String)
    case notPaused(agent: String)
    /// A caller joined twice.
    case alreadyQueued(callID: String)
    /// The input names a caller the machine does not hold.
    case unknownCaller(callID: String)
    /// The caller is talking with an agent: it cannot leave with the exit key.
    case notWaiting(callID: String)

    public var description: String {
        switch self {
        case .unknownQueue(let name): "there is no queue \"\(name)\""
        case .unknownAgent(let ext): "there is no agent \(ext)"
        case .notAgentOfQueue(let agent, let queue): "agent \(agent) is not configured for queue \"\(queue)\""
        case .noQueues(let agent): "agent \(agent) has no queue to log in to"
        case .notLoggedIn(let agent): "agent \(agent) is not logged in"
        case .notPaused(let agent): "agent \(agent) is not paused"
        case .alreadyQueued(let id): "call \(id) is already in a queue"
        case .unknownCaller(let id): "call \(id) is not in a queue"
        case .notWaiting(let id): "call \(id) is talking with an agent, not waiting"
        }
    }
}

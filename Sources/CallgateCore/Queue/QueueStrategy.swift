/// How a queue chooses among the agents who could take a caller. Each strategy is nothing but an
/// order over those agents (`AgentOrder.swift`): the first is offered the call, or with ring-all
/// every one of them at once.
public enum QueueStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every available agent rings at once; the first to answer takes the call.
    case ringAll = "ring-all"
    /// The agent who has been idle the longest.
    case longestIdle = "longest-idle"
    /// The next agent after the one offered last, by extension, wrapping around.
    case roundRobin = "round-robin"
    /// The agent who has taken the fewest calls.
    case fewestCalls = "fewest-calls"
    /// The agent with the least talk time.
    case leastTalkTime = "least-talk-time"
    /// Any available agent, drawn with the machine's injected generator.
    case random
    /// The agent with the highest total level in the skills the caller asked for.
    case skillsBased = "skills-based"
}

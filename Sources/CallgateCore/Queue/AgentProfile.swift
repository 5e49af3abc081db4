/// What the queue machine knows of an agent from the configuration: who, what they can do, and
/// which queues they log in to by default.
public struct AgentProfile: Sendable, Hashable, Codable {
    /// Also the SIP user the agent's phone registers as.
    public var `extension`: String
    public var name: String
    /// Skill name → level 1–10.
    public var skills: [String: Int]
    /// The queues the agent serves; a login without a list logs in to all of them.
    public var queues: [String]

    public init(extension: String, name: String, skills: [String: Int] = [:], queues: [String] = []) {
        self.extension = `extension`
        self.name = name
        self.skills = skills
        self.queues = queues
    }

    /// Whether the agent has every skill at or above the level asked for.
    public func qualifies(for required: [String: Int]) -> Bool {
        required.allSatisfy { skill, level in (skills[skill] ?? 0) >= level }
    }

    /// The sum of the agent's levels in the skills asked for: skills-based queues prefer the highest.
    public func level(in required: [String: Int]) -> Int {
        required.keys.reduce(0) { $0 + (skills[$1] ?? 0) }
    }
}

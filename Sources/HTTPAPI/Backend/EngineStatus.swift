/// What the health endpoint reports about the running engine.
public struct EngineStatus: Sendable, Codable, Hashable {
    public var status: String
    public var version: String
    public var activeCalls: Int
    public var registeredAgents: Int
    public var uptimeSeconds: Double

    public init(status: String = "ok", version: String, activeCalls: Int, registeredAgents: Int, uptimeSeconds: Double) {
        self.status = status
        self.version = version
        self.activeCalls = activeCalls
        self.registeredAgents = registeredAgents
        self.uptimeSeconds = uptimeSeconds
    }

    enum CodingKeys: String, CodingKey {
        case status, version, activeCalls = "active_calls", registeredAgents = "registered_agents", uptimeSeconds = "uptime_seconds"
    }
}

/// What the health endpoint reports about the running engine.
public struct EngineStatus: Sendable, Codable, Hashable {
    public var status: String
    public var version: String
    public var activeCalls: Int
    public var registeredAgents: Int
    public var uptimeSeconds: Double
    /// Per-call objects held in memory now; every count is back to 0 once no call is up.
    public var live: LiveObjects

    public init(status: String = "ok", version: String, activeCalls: Int, registeredAgents: Int, uptimeSeconds: Double,
                live: LiveObjects = LiveObjects()) {
        self.status = status
        self.version = version
        self.activeCalls = activeCalls
        self.registeredAgents = registeredAgents
        self.uptimeSeconds = uptimeSeconds
        self.live = live
    }

    enum CodingKeys: String, CodingKey {
        case status, version, activeCalls = "active_calls", registeredAgents = "registered_agents", uptimeSeconds = "uptime_seconds"
        case live
    }
}

/// What the engine holds per call, counted where it lives: a call that ended and still shows
/// here is a leak.
public struct LiveObjects: Sendable, Codable, Hashable {
    /// Call sessions in memory (counted by their initializer and deinitializer).
    public var sessions: Int
    /// SIP call edges in memory (likewise).
    public var callEdges: Int
    /// Call handles Sofia-SIP holds for the engine.
    public var sipHandles: Int
    /// RTP legs open on the media thread.
    public var mediaLegs: Int
    /// Scenario runs under way (process per event, waiting or running).
    public var scenarioRuns: Int

    public init(sessions: Int = 0, callEdges: Int = 0, sipHandles: Int = 0, mediaLegs: Int = 0, scenarioRuns: Int = 0) {
        self.sessions = sessions
        self.callEdges = callEdges
        self.sipHandles = sipHandles
        self.mediaLegs = mediaLegs
        self.scenarioRuns = scenarioRuns
    }

    enum CodingKeys: String, CodingKey {
        case sessions, callEdges = "call_edges", sipHandles = "sip_handles", mediaLegs = "media_legs", scenarioRuns = "scenario_runs"
    }
}

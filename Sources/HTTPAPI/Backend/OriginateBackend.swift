import CallgateCore

/// A call to place, as `POST /api/calls` asks for it (docs/api.md, docs/outbound.md).
public struct OriginateCall: Sendable, Hashable {
    /// An agent's extension or an external number a trunk allows.
    public var to: String
    public var callerID: String?
    public var callerName: String?
    public var ringSeconds: Int
    public var vars: [String: JSONValue]
    /// The number whose route's scenario runs once the callee answers; nil when `agent` is set.
    public var route: String?
    /// The agent to connect with the callee; nil when `route` is set.
    public var agent: String?
    /// With `agent`: ring the agent first (true), or the callee first.
    public var agentFirst: Bool
    /// Answering-machine detection before `call.start`; nil: none.
    public var machineDetection: MachineDetectionSettings?

    public init(to: String, callerID: String? = nil, callerName: String? = nil, ringSeconds: Int = 30, vars: [String: JSONValue] = [:],
                route: String? = nil, agent: String? = nil, agentFirst: Bool = true, machineDetection: MachineDetectionSettings? = nil) {
        self.to = to
        self.callerID = callerID
        self.callerName = callerName
        self.ringSeconds = ringSeconds
        self.vars = vars
        self.route = route
        self.agent = agent
        self.agentFirst = agentFirst
        self.machineDetection = machineDetection
    }
}

/// Why the engine placed no call; the API turns each case into a status.
public enum OriginateError: Error, Sendable, Hashable {
    /// No agent has the number and no trunk allows it (403 `forbidden`).
    case notAllowed(String)
    /// The route, the agent or the extension is unknown or not registered (404 `not_found`).
    case notFound(String)
    /// Shutting down, or at the call limit (503 `unavailable`).
    case unavailable(String)
}

/// What `POST /api/calls` needs from the engine.
public protocol OriginateBackend: Sendable {
    /// Dials the call and returns its id at once; its record tells how it went.
    func originate(_ call: OriginateCall) async throws(OriginateError) -> String
}

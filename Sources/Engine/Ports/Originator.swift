import CallgateCore

/// A call the engine places on its own: the API's `POST /api/calls`, `callgate call`, a
/// campaign's attempt, a queue's callback. The callee is an agent's extension or an external
/// number a trunk allows (never anything else: originate is no way around the trunks' `allow`).
public struct OriginateRequest: Sendable, Hashable {
    /// An extension or an external number.
    public var to: String
    /// The number the callee sees (From's user); nil: the configuration's default caller ID.
    public var callerID: String?
    public var callerName: String?
    /// How long the callee may ring before the attempt ends as `no_answer`.
    public var ringSeconds: Int
    /// The call's vars from the start (a campaign's contact, a callback's queue vars).
    public var vars: [String: JSONValue]
    /// What the answered call does.
    public var connect: OriginateConnect
    /// Answering-machine detection on the answered call before `call.start`; nil: none.
    public var machineDetection: MachineDetectionSettings?
    /// Extra `X-Callgate-*` headers on the INVITE (a campaign's name, a callback's queue).
    public var headers: [String: String]

    public init(to: String, callerID: String? = nil, callerName: String? = nil, ringSeconds: Int = 30,
                vars: [String: JSONValue] = [:], connect: OriginateConnect,
                machineDetection: MachineDetectionSettings? = nil, headers: [String: String] = [:]) {
        self.to = to
        self.callerID = callerID
        self.callerName = callerName
        self.ringSeconds = ringSeconds
        self.vars = vars
        self.connect = connect
        self.machineDetection = machineDetection
        self.headers = headers
    }
}

/// What an originated call does once answered.
public enum OriginateConnect: Sendable, Hashable {
    /// The route whose match the given number hits runs its scenario: `call.start` with
    /// `direction: outbound` once the callee answers.
    case route(String)
    /// Connect an agent and the callee. `agentFirst`: the agent's phone rings first and the
    /// callee is dialed once the agent answers (preview dialing, agent-first callbacks);
    /// otherwise the callee is dialed first and the agent rung once the callee answers.
    case agent(String, agentFirst: Bool)
    /// An agent campaign's call: once answered (by a person: a machine is hung up on), the callee
    /// waits in the queue at most `connectWindow` seconds for an agent; if none takes it, the
    /// callee hears `abandonPrompt` (a sound file) and the call ends as abandoned
    /// (`connect_result: abandoned` in its vars).
    case queue(String, connectWindow: Int, abandonPrompt: String?)
}

/// Why an originate request was refused before anything was dialed.
public struct OriginateRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// No agent has that extension and no trunk allows the number.
        case notAllowed = "not_allowed"
        /// The route, the agent or the extension named does not exist or is not registered.
        case notFound = "not_found"
        /// Shutting down, or at the configured limit of calls.
        case unavailable
    }
    public let kind: Kind
    public let description: String
    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

/// Places calls on the engine's own initiative. `ended` gets the call's record once it is over
/// and saved: answered and ended (its disposition as for any call), or never answered, with
/// disposition `no_answer`, `busy`, `rejected` or `failed` (and the scenario got `call.end`
/// saying so, for a route).
public protocol Originator: Sendable {
    /// The new call's id; throws when nothing could be dialed.
    func originate(_ request: OriginateRequest,
                   ended: @escaping @Sendable (CallRecord) async -> Void) async throws(OriginateRefusal) -> String
}

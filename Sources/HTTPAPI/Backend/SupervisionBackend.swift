import CallgateCore

/// Supervisors in operators' queue calls, as a CRM button or a wallboard controls them. The engine's
/// backend implements it beside ``OperationsBackend``; a backend without it answers the
/// supervision routes with 404.
public protocol SupervisionBackend: Sendable {
    /// Rings `supervisor`'s phone and puts it in the call once answered; for the call's current
    /// supervisor, switches the mode at once.
    func supervise(call: String, supervisor: String, mode: SupervisionMode) async throws(SupervisionRefusal) -> SupervisionView
    /// Takes the supervisor out of the call (their phone is hung up; caller and agent talk on).
    func endSupervision(call: String) async throws(SupervisionRefusal)
    /// The supervisors in calls now.
    func supervisions() async -> [SupervisionView]
}

/// One supervisor in one call.
public struct SupervisionView: Sendable, Hashable, Codable {
    public var callID: String
    public var supervisor: String
    public var agent: String
    public var queue: String
    public var mode: SupervisionMode
    /// `ringing` (the supervisor's phone rings) or `active`.
    public var state: String

    public init(callID: String, supervisor: String, agent: String, queue: String, mode: SupervisionMode, state: String) {
        self.callID = callID
        self.supervisor = supervisor
        self.agent = agent
        self.queue = queue
        self.mode = mode
        self.state = state
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", supervisor, agent, queue, mode, state
    }
}

/// Why a supervision request was refused; each case is an HTTP status.
public enum SupervisionRefusal: Error, Sendable, Hashable {
    /// No such call talking to an agent, or no supervision of it (404).
    case notFound(String)
    /// Not a supervisor, not of that queue, or their own call (403).
    case forbidden(String)
    /// Another supervisor is in the call, or the supervisor's phone cannot be rung (409).
    case conflict(String)
}

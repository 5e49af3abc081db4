/// One step of a call's trail: what was sent, what came back, what ran and why, so an admin
/// can see why a call went where it went.
public struct TrailEntry: Sendable, Hashable {
    /// Seconds since the call started.
    public var at: Double
    public var step: Step

    public init(at: Double, step: Step) {
        self.at = at
        self.step = step
    }

    public enum Step: Sendable, Hashable {
        case event(ScenarioEvent, role: ScenarioRole)
        case reply([Action], role: ScenarioRole)
        /// An action starts; `index` is its place in the reply, nil for one the engine added
        /// (an implicit answer, the error prompt).
        case action(Action, index: Int?)
        case dtmf(Character)
        case failure(ScenarioFailure, event: EventName, role: ScenarioRole)
        case fallback(String)
        /// Something the engine noted about the call outside the scenario's actions: `hold` and
        /// `resume` (by whom, where in the recording), a transfer by the operator's phone, ...
        case note(String, [String: JSONValue])
        /// An operator (or the API) transferred the call: who, to where, and how it went
        /// (`started`, `completed`, `busy`, `no_answer`, `failed`).
        case transfer(by: String, to: String, outcome: String)
    }

    public var kind: String {
        switch step {
        case .event: "event"
        case .reply: "reply"
        case .action: "action"
        case .dtmf: "dtmf"
        case .failure: "error"
        case .fallback: "fallback"
        case .note(let kind, _): kind
        case .transfer: "transfer"
        }
    }

    /// The entry as a JSON object (`callgate test --json`, the stored trail).
    public var json: JSONValue {
        var object: [String: JSONValue] = ["at": .number((at * 1000).rounded() / 1000), "kind": .string(kind)]
        switch step {
        case .event(let event, let role):
            object["event"] = event.json
            object["role"] = .string(role.rawValue)
        case .reply(let actions, let role):
            object["actions"] = .array(actions.map(\.json))
            object["role"] = .string(role.rawValue)
        case .action(let action, let index):
            object["action"] = action.json
            object["origin"] = index.map { .string("actions[\($0)]") } ?? "engine"
        case .dtmf(let key):
            object["key"] = .string(String(key))
        case .failure(let failure, let event, let role):
            object["error"] = failure.json
            object["event"] = .string(event.rawValue)
            object["role"] = .string(role.rawValue)
        case .fallback(let what):
            object["fallback"] = .string(what)
        case .note(_, let details):
            for (key, value) in details where object[key] == nil { object[key] = value }
        case .transfer(let by, let to, let outcome):
            object["by"] = .string(by)
            object["to"] = .string(to)
            object["outcome"] = .string(outcome)
        }
        return .object(object)
    }
}

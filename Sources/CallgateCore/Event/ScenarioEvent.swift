/// The JSON object a scenario reads on stdin.
public struct ScenarioEvent: Sendable, Hashable, Encodable {
    public var event: EventName
    public var call: CallInfo
    public var vars: [String: JSONValue]
    public var result: [String: JSONValue]
    /// Present only when the event goes to a fallback scenario: why the primary scenario failed.
    public var error: JSONValue?

    public init(event: EventName, call: CallInfo, vars: [String: JSONValue] = [:], result: [String: JSONValue] = [:], error: JSONValue? = nil) {
        self.event = event
        self.call = call
        self.vars = vars
        self.result = result
        self.error = error
    }

    /// The event as JSON, built directly: it is made twice for every event (stdin and the trail), and
    /// the Codable round trip through JSONEncoder and back was ~14 % of the engine's CPU per call.
    /// Equal to `JSONValue.encoding(self)`; a test keeps them so.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "event": .string(event.rawValue),
            "call": .object([
                "id": .string(call.id), "from": .string(call.from), "to": .string(call.to),
                "direction": .string(call.direction.rawValue), "state": .string(call.state.rawValue),
            ]),
            "vars": .object(vars),
            "result": .object(result),
        ]
        if let error { object["error"] = error }
        return .object(object)
    }
}

/// The call as a scenario sees it.
public struct CallInfo: Sendable, Hashable, Codable {
    public var id: String
    public var from: String
    public var to: String
    public var direction: Direction
    public var state: CallState

    public init(id: String, from: String, to: String, direction: Direction = .inbound, state: CallState = .ringing) {
        self.id = id
        self.from = from
        self.to = to
        self.direction = direction
        self.state = state
    }
}

public enum Direction: String, Sendable, Hashable, Codable {
    case inbound, outbound
}

/// Where a call is in its life. `early` means early media (183) is flowing before the answer.
public enum CallState: String, Sendable, Hashable, Codable {
    case ringing, early, answered, ended

    public var isAnswered: Bool { self == .answered }
}

import CallgateCore

/// One line of what `callgate test` shows: a step of the call's trail, or what the simulated world did.
public enum TranscriptStep: Sendable {
    /// A step of the call's own trail (events, replies, actions, errors, fallbacks).
    case trail(TrailEntry)
    /// A scenario process ran for an event, or a persistent scenario's worker answered one.
    case scenarioRan(at: Double, event: EventName, role: ScenarioRole, milliseconds: Double, exitCode: Int32?, persistent: Bool = false)
    /// A line the scenario wrote on stderr.
    case stderr(at: Double, line: String)
    /// The simulated caller, agent or media did something ("caller presses 1").
    case world(at: Double, text: String)
    /// The call is over.
    case ended(CallRecord)

    public var json: JSONValue {
        switch self {
        case .trail(let entry):
            return entry.json
        case .scenarioRan(let at, let event, let role, let ms, let code, let persistent):
            var object: [String: JSONValue] = [
                "at": .number(rounded(at)), "kind": "scenario", "event": .string(event.rawValue), "role": .string(role.rawValue),
                "milliseconds": .number((ms * 10).rounded() / 10), "exit_code": code.map { .number(Double($0)) } ?? .null,
            ]
            if persistent { object["persistent"] = true }
            return .object(object)
        case .stderr(let at, let line):
            return ["at": .number(rounded(at)), "kind": "stderr", "line": .string(line)]
        case .world(let at, let text):
            return ["at": .number(rounded(at)), "kind": "simulated", "text": .string(text)]
        case .ended(let record):
            return ["kind": "ended", "record": JSONValue.encoding(record)]
        }
    }
}

/// Seconds to the millisecond, as the trail prints them.
func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

/// A validated action from a scenario's reply.
public enum Action: Sendable, Hashable {
    case answer(Answer)
    case play(Play)
    case say(Say)
    case gather(Gather)
    case record(Record)
    case echo(Echo)
    case transfer(Transfer)
    case enqueue(Enqueue)
    case set(SetVars)
    case hangup(Hangup)
    case reject(Reject)

    /// The action's value, for what all actions have in common.
    public var spec: any ScenarioAction {
        switch self {
        case .answer(let a): a
        case .play(let a): a
        case .say(let a): a
        case .gather(let a): a
        case .record(let a): a
        case .echo(let a): a
        case .transfer(let a): a
        case .enqueue(let a): a
        case .set(let a): a
        case .hangup(let a): a
        case .reject(let a): a
        }
    }

    public var name: String { type(of: spec).name }

    /// The action as the scenario would write it, with defaults filled in.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["action": .string(name)]
        if case .object(let fields) = JSONValue.encoding(spec) { object.merge(fields) { a, _ in a } }
        return .object(object)
    }
}

extension Action: Encodable {
    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}

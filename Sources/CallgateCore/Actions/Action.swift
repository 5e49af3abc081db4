/// A validated action from a scenario's reply: one value of the action types in `ActionRegistry`.
/// Each action's file adds its constructor (`Action.play(_:)`, …), so a new action needs no case here.
public struct Action: Sendable, Hashable {
    /// The action's value, with what the call machine needs to run it.
    let runnable: any RunnableAction

    init(_ action: any RunnableAction) { runnable = action }

    /// The action's value, for what all actions have in common.
    public var spec: any ScenarioAction { runnable }

    /// The action's value if it is an `A`: `action.as(Gather.self)`.
    public func `as`<A: ScenarioAction>(_ type: A.Type) -> A? { runnable as? A }

    public var name: String { type(of: runnable).name }

    /// The action as the scenario would write it, with defaults filled in.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["action": .string(name)]
        if case .object(let fields) = JSONValue.encoding(spec) { object.merge(fields) { a, _ in a } }
        return .object(object)
    }

    public static func == (lhs: Action, rhs: Action) -> Bool { AnyHashable(lhs.runnable) == AnyHashable(rhs.runnable) }

    public func hash(into hasher: inout Hasher) { AnyHashable(runnable).hash(into: &hasher) }
}

extension Action: Encodable {
    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}

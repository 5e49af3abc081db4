/// One action a scenario can ask for: a value decoded strictly from the reply,
/// stating what the call must be like before it runs and whether it ends the action list.
/// What it does on a call is in the same file, as its `RunnableAction` conformance (docs/actions.md).
public protocol ScenarioAction: Sendable, Hashable, Encodable {
    /// The name under `"action"` in the reply.
    static var name: String { get }
    /// Decodes and validates the action's fields; every error names the field.
    init(reading fields: inout FieldReader) throws(ReplyError)
    /// The call state this action needs; the engine brings the call there or refuses the reply.
    var requirement: CallRequirement { get }
    /// Whether the list goes on after this action.
    var flow: ActionFlow { get }
    /// The argument `callgate test --expect NAME:ARG` compares with.
    var expectArgument: String? { get }
    /// Whether the action meets `callgate test --expect NAME:ARG`; by default its `expectArgument` is `ARG`.
    func matches(expectation argument: String) -> Bool
    /// The action as a short phrase, for the transcript of `callgate test`.
    var summary: String { get }
}

/// What state the call must be in for an action to run.
public enum CallRequirement: Sendable, Hashable {
    /// Runs in any state before the call ends.
    case any
    /// Needs audio to the caller. An unanswered call is answered first, unless `early` allows 183 early media.
    case media(early: Bool)
    /// Only before the call is answered (a SIP final response).
    case unanswered
}

/// How an action affects the rest of the list.
public enum ActionFlow: Sendable, Hashable {
    /// The next action runs when this one is done.
    case continues
    /// The list ends here; the action's outcome arrives as the named event.
    case outcome(EventName)
    /// The call ends here.
    case endsCall
}

extension ScenarioAction {
    public var requirement: CallRequirement { .any }
    public var flow: ActionFlow { .continues }
    public var expectArgument: String? { nil }
    public func matches(expectation argument: String) -> Bool { expectArgument == argument }
    public var summary: String { Self.name }
}

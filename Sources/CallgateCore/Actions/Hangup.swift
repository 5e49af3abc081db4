/// `hangup`: ends the call (BYE when answered; a 603 Decline before the answer).
public struct Hangup: ScenarioAction {
    public static let name = "hangup"
    /// Kept in the call record as why the scenario hung up.
    public var reason: String

    public init(reason: String = "normal") { self.reason = reason }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        reason = try fields.string("reason", maxLength: 200) ?? "normal"
    }

    public var flow: ActionFlow { .endsCall }
    public var expectArgument: String? { reason }
    public var summary: String { "hangup (\(reason))" }
}

extension Hangup: RunnableAction {
    func start(in call: inout CallMachine) -> ActionStep {
        .end(disposition: call.info.state.isAnswered ? "completed" : "rejected", by: "scenario", reason: reason)
    }
}

extension Action {
    public static func hangup(_ hangup: Hangup) -> Action { Action(hangup) }
}

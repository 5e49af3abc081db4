/// `reject`: refuses an unanswered call with a SIP status code (busy, decline, …).
public struct Reject: ScenarioAction {
    public static let name = "reject"
    /// A SIP final status from 400 to 699; 603 (Decline) by default.
    public var code: Int
    public var reason: String?

    public init(code: Int = 603, reason: String? = nil) {
        self.code = code
        self.reason = reason
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        code = try fields.integer("code", in: 400...699) ?? 603
        reason = try fields.string("reason", maxLength: 200)
    }

    public var requirement: CallRequirement { .unanswered }
    public var flow: ActionFlow { .endsCall }
    public var expectArgument: String? { String(code) }
    public var summary: String { "reject \(code)" + (reason.map { " (\($0))" } ?? "") }
}

extension Reject: RunnableAction {
    /// The scenario's reason is also the SIP reason phrase; without one the edge uses the code's standard phrase.
    func start(in call: inout CallMachine) -> ActionStep {
        .end(disposition: "rejected", by: "scenario", reason: reason ?? "rejected with \(code)", rejectCode: code, rejectPhrase: reason)
    }
}

extension Action {
    public static func reject(_ reject: Reject) -> Action { Action(reject) }
}

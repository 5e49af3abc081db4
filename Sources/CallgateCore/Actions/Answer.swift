/// `answer`: picks up the call (SIP 200 OK). Does nothing on a call already answered.
public struct Answer: ScenarioAction {
    public static let name = "answer"
    public init() {}
    public init(reading fields: inout FieldReader) throws(ReplyError) {}
}

extension Answer: RunnableAction {
    /// The machine answers before any action that asks for it (`CallMachine.prepare`), so there is nothing left to do.
    func start(in call: inout CallMachine) -> ActionStep { .next }
}

extension Action {
    public static func answer(_ answer: Answer) -> Action { Action(answer) }
}

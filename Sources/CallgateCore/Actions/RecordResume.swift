/// `record_resume`: the call's recordings hear the caller again after `record_pause`. Takes effect
/// at once; the next action runs. Without a pause before it, it changes nothing.
public struct RecordResume: ScenarioAction {
    public static let name = "record_resume"

    public init() {}

    public init(reading fields: inout FieldReader) throws(ReplyError) {}

    public var summary: String { "resume the call's recording" }
}

extension RecordResume: RunnableAction {
    func start(in call: inout CallMachine) -> ActionStep {
        call.recordingPaused = false
        call.trail(.recordingPaused(false, by: "scenario"))
        call.effects.append(.setRecordingPaused(false))
        return .next
    }
}

extension Action {
    public static func recordResume(_ resume: RecordResume = RecordResume()) -> Action { Action(resume) }
}

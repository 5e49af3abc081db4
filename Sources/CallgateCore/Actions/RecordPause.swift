/// `record_pause`: stops putting the caller's audio into the call's recordings (a `record` action's
/// file, a queue's stereo recording of the conversation), for example while a card number is read
/// out. The paused span is written as silence, so the file keeps its timing; a recording that starts
/// while the call is paused starts paused. Takes effect at once; the next action runs.
public struct RecordPause: ScenarioAction {
    public static let name = "record_pause"

    public init() {}

    public init(reading fields: inout FieldReader) throws(ReplyError) {}

    public var summary: String { "pause the call's recording" }
}

extension RecordPause: RunnableAction {
    /// Pausing what is already paused changes nothing; the trail notes it anyway, as asked.
    func start(in call: inout CallMachine) -> ActionStep {
        call.recordingPaused = true
        call.trail(.recordingPaused(true, by: "scenario"))
        call.effects.append(.setRecordingPaused(true))
        return .next
    }
}

extension Action {
    public static func recordPause(_ pause: RecordPause = RecordPause()) -> Action { Action(pause) }
}

/// `play`: plays a sound file from the sounds folder to the caller.
public struct Play: ScenarioAction {
    public static let name = "play"
    /// Relative to the configured sounds folder; never absolute, never climbing out of it.
    public var file: String
    /// Before the answer, play as early media (183 Session Progress) instead of answering the call.
    public var early: Bool

    public init(file: String, early: Bool = false) {
        self.file = file
        self.early = early
    }

    public init(reading fields: inout FieldReader) throws(ReplyError) {
        file = try fields.requiredString("file", maxLength: 255)
        try SoundPath.check(file, field: fields.field("file"))
        early = try fields.bool("early") ?? false
    }

    public var requirement: CallRequirement { .media(early: early) }
    public var expectArgument: String? { file }
    public var summary: String { "play \(file)" + (early ? " (early media)" : "") }
}

/// While it plays, the call waits for the end of the file; the next action runs after it.
extension Play: PromptingAction {
    var prompt: Prompt { .play(self) }
}

extension Action {
    public static func play(_ play: Play) -> Action { Action(play) }
}

extension TrailEntry.Step {
    /// The call's recording was paused (true) or resumed (false), and by whom: "scenario" or "api".
    /// A note like hold's: `{"at": 12.3, "kind": "record_pause", "by": "api"}` in the stored trail.
    public static func recordingPaused(_ paused: Bool, by: String) -> Self {
        .note(paused ? "record_pause" : "record_resume", ["by": .string(by)])
    }

    /// What stands in the trail for a key typed while the call's recording is paused.
    public static let redactedKey: Character = "•"
    /// What stands in the trail for the digits of an event sent while the recording is paused.
    public static let redactedDigits = "[redacted: recording paused]"

    /// The step as the trail keeps it while the call's recording is paused: keys and the `digits`
    /// of an event (`gather.done`) are blanked, so a card number typed then is in no file, log or
    /// transcript. The scenario itself still gets the real event.
    var keysRedacted: Self {
        switch self {
        case .dtmf:
            return .dtmf(Self.redactedKey)
        case .event(var event, let role) where event.result["digits"] != nil:
            event.result["digits"] = .string(Self.redactedDigits)
            return .event(event, role: role)
        default:
            return self
        }
    }
}

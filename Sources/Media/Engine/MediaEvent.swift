/// What a leg reports to the call that owns it, in the order it happened, on `MediaLeg.events`.
public enum MediaEvent: Sendable, Hashable {
    /// A key pressed by the remote party (RFC 4733), once per key press.
    case dtmf(Character)
    /// The clip queued with this id has been played entirely (not sent after `stopPlayback()`).
    case playbackFinished(UInt64)
    /// A recording has ended and its file is complete. `reason` is "max_length", "silence",
    /// "hangup" (the leg was closed), "replaced" (a new recording started), "error" (the file
    /// could not be written), or the reason given to `stopRecording(reason:)`.
    case recordingFinished(path: String, seconds: Double, reason: String)
    /// The remote has sent no RTP for the engine's `rtpTimeout`.
    case rtpTimeout
    /// `detectMachine` decided (MediaLeg+Analysis).
    case machineDetected(MachineDetector.Outcome)
    /// `waitForSilence` heard its silence, after this much audio.
    case silenceHeard(milliseconds: Int)
}

extension LegState {
    /// `record_pause` and `record_resume` on the media thread: the flag outlives any one recording,
    /// so a recording that starts while the leg is paused starts paused.
    /// - warning: Media thread only.
    func setRecordingPaused(_ paused: Bool) {
        owner.assertCurrent("LegState.setRecordingPaused")
        recordingPaused = paused
        recording?.paused = paused
        bridgeRecording?.recording.paused = paused
    }
}

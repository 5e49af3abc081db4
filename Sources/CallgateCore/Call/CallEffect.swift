/// What the call machine asks its driver to do. The driver carries each effect out and feeds
/// the consequences back as `CallInput`s.
public enum CallEffect: Sendable, Hashable {
    /// Run the scenario (primary or fallback) with this event; answer with `.scenarioFinished`.
    case runScenario(ScenarioEvent, role: ScenarioRole)
    /// Run the scenario with a notification (`call.end`); its output is ignored.
    case notifyScenario(ScenarioEvent, role: ScenarioRole)
    /// Answer the call (SIP 200 OK).
    case answer
    /// Start early media (SIP 183 Session Progress) without answering.
    case earlyMedia
    /// Play a prompt; answer with `.promptFinished` when it has played to its end.
    case startPrompt(Prompt)
    /// Stop the prompt now (barge-in); no `.promptFinished` is expected.
    case stopPrompt
    /// Start listening for a gather's keys (the edge may flush stale keys).
    case collectDigits(Gather)
    /// Answer with `.timerFired(timer)` after the given seconds, unless cancelled.
    case startTimer(CallTimer, seconds: Double)
    case cancelTimer(CallTimer)
    /// Record the caller; answer with `.recordingFinished`.
    case startRecording(Record)
    /// Stop the recording; `.recordingFinished` follows.
    case stopRecording(reason: String)
    /// Pause (true) or resume (false) every recording of the call, now and any that starts while paused:
    /// the paused span is written as silence, so the file keeps its timing. Nothing comes back.
    case setRecordingPaused(Bool)
    /// Send the caller's audio back to the caller until `.stopEcho`.
    case startEcho
    case stopEcho
    /// Ring the target and bridge on answer; answer with `.transferEnded`.
    case transfer(Transfer)
    /// Put the caller in a queue; answer with `.queueLeft`.
    case enqueue(Enqueue)
    /// Take the caller out of the queue: `key` (the exit key; the machine sends `queue.done` itself),
    /// `hangup` (the caller hung up), or `failed` (the queue could not take the caller); no `.queueLeft` is expected.
    case leaveQueue(reason: String)
    /// Seat the caller in the conference's room; answer with `.conferenceLeft` if the room lets go.
    case joinConference(Conference)
    /// Take the caller out of the room: `key`, `max_seconds` (the machine sends `conference.done`
    /// itself), `hangup` or `failed`; no `.conferenceLeft` is expected.
    case leaveConference(reason: String)
    /// Listen to the far end's audio for a machine or for silence; answer with `.audioAnalysed`.
    /// nil stops listening, with no answer.
    case analyseAudio(AudioAnalysis?)
    /// End an answered call (BYE).
    case hangup(reason: String)
    /// Refuse an unanswered call with a SIP final response.
    case reject(code: Int, reason: String?)
    /// A step for the call's trail (stored, and printed by `callgate test`).
    case trail(TrailEntry)
    /// The call is over; its final record.
    case ended(CallRecord)
}

/// Which scenario handles the call's events: the route's own, or its fallback after a failure.
public enum ScenarioRole: String, Sendable, Hashable, Codable {
    case primary, fallback
}

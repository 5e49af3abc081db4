/// What the HTTP API needs from the engine to see and control live calls: the list, hanging up, and
/// pausing the recording (`/api/calls`, docs/api.md).
///
/// Kept apart from the queue and agent operations so each group of call controls (transfer,
/// supervision) can add its own protocol beside it.
public protocol CallControlBackend: Sendable {
    /// Every live call, oldest first. A call that has ended is not listed, even while its `call.end`
    /// notification still runs.
    func liveCalls() async -> [CallView]
    /// One live call; nil when no call with this id is up (never was, or has ended).
    func liveCall(_ id: String) async -> CallView?
    /// Ends the call: BYE once answered, a final response before. Returns once the engine has taken
    /// the request; the call record says `api_hangup`.
    func hangUp(call: String) async throws(CallControlError)
    /// Pauses (true) or resumes (false) what the call records: a `record` action's file and a queue's
    /// stereo recording. The paused span is silence in the file.
    func setRecordingPaused(_ paused: Bool, call: String) async throws(CallControlError)
}

extension CallControlBackend {
    /// A backend without calls (the HTTP tests of other routes) lists none and knows none.
    public func liveCalls() async -> [CallView] { [] }
    public func liveCall(_ id: String) async -> CallView? { await liveCalls().first { $0.id == id } }
    public func hangUp(call: String) async throws(CallControlError) { throw .unknownCall(call) }
    public func setRecordingPaused(_ paused: Bool, call: String) async throws(CallControlError) { throw .unknownCall(call) }
}

/// Why the engine refused a call control; the HTTP API turns each case into a status and an error code.
public enum CallControlError: Error, Sendable, Hashable {
    /// No live call with this id: never was, or has ended (404 `not_found`).
    case unknownCall(String)
    /// The call is already being ended (409 `call_ending`).
    case ending(String)
    /// The call records nothing now (409 `not_recording`).
    case notRecording(String)
    /// The recording is paused already (409 `already_paused`).
    case alreadyPaused(String)
    /// The recording is not paused (409 `not_paused`).
    case notPaused(String)
}

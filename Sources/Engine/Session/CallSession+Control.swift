import CallgateCore

/// What a live call looks like from outside, at one moment (`GET /api/calls`).
public struct SessionSnapshot: Sendable, Hashable {
    public var info: CallInfo
    /// Seconds since the call arrived, on the session's clock.
    public var seconds: Double
    /// The call is ending or has ended: a hangup was asked for, its recording is being saved, `call.end` runs.
    public var isEnding: Bool
    /// The call has ended: only its `call.end` notification may still run.
    public var isEnded: Bool
    /// A `transfer` target is ringing (false) or bridged (true); nil without a transfer.
    public var transferAnswered: Bool?
}

/// Why a session refuses a control from outside the call.
public enum SessionControlRefusal: Error, Sendable, Hashable {
    /// The call is already ending (a hangup requested before, the caller gone, the end under way).
    case ending
}

/// Controls from outside the call (the HTTP API), fed to the machine like any other input so they
/// take their turn with what the edge and the scenario report.
extension CallSession {
    public var snapshot: SessionSnapshot {
        SessionSnapshot(info: machine.info, seconds: elapsed, isEnding: ended != nil || machine.isEnding || hangupRequested,
                        isEnded: ended != nil || machine.isEnded, transferAnswered: transfer.map { $0.answeredAt != nil })
    }

    /// Ends the call as `by` asks ("api"): the machine hangs up (BYE, or a final response before the
    /// answer), saves a recording under way, and runs `call.end` as for any hangup.
    /// - Throws: `.ending` when the call is already ending; a second request changes nothing.
    public func requestHangup(by: String) async throws(SessionControlRefusal) {
        guard ended == nil, !machine.isEnding, !hangupRequested else { throw .ending }
        hangupRequested = true
        await deliver(.hangupRequested(by: by))
    }

    /// Notes in the trail that `by` paused or resumed the recording, and has the edge do it.
    /// The caller has checked with the edge that there is something to pause (or resume).
    public func setRecordingPaused(_ paused: Bool, by: String) async throws(SessionControlRefusal) {
        guard ended == nil, !machine.isEnding else { throw .ending }
        await deliver(.recordingPaused(paused, by: by))
    }
}

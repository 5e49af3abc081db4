import CallgateCore
import Foundation
import HTTPAPI

/// What the HTTP API sees of one call's edge and may change there.
struct EdgeControlState: Sendable {
    /// The route that took the call (its `match`), and when the call arrived.
    var route = ""
    var startedAt = Date()
    /// The queue the caller joined last; kept while talking to its agent.
    var queue: String?
    /// A `record` action's file is being written (from its start until `.recordingFinished`).
    var recordingAction = false
    /// `record_pause` or the API paused the call's recordings; new ones start paused.
    var recordingPaused = false
}

/// The edge as the API sees it: where the call is, what it records, and pausing that recording.
extension SIPCallEdge {
    /// Notes what only the router knows of the call: its route and when it arrived.
    func describe(route: String, startedAt: Date) {
        control.route = route
        control.startedAt = startedAt
    }

    /// Whether anything is recorded now: a `record` action's file or the queue's stereo recording.
    var isRecording: Bool { control.recordingAction || queueRecording != nil }

    /// Where the call is as far as the edge knows (a queue, a conference room); nil leaves it to the call state.
    var placeInQueue: CallView.State? {
        if inConference { return .inConference }
        guard inQueue || bridgedAgent != nil else { return nil }
        return bridgedAgent != nil ? .talkingToAgent : .inQueue
    }

    /// What `GET /api/calls` needs of the edge, in one hop.
    var apiFacts: (control: EdgeControlState, placeInQueue: CallView.State?, recording: Bool, held: Bool) {
        (control, placeInQueue, isRecording, callerHolds || peerHolds)
    }

    /// Checks an API pause or resume against what the call records now and, when it may go ahead,
    /// takes it at once (the media follows with the session's effect), so a second request right
    /// after the first is refused rather than applied twice. nil when it may go ahead.
    func claim(pausing paused: Bool) -> CallControlError? {
        if paused {
            guard isRecording else { return .notRecording(callID) }
            guard !control.recordingPaused else { return .alreadyPaused(callID) }
        } else {
            guard control.recordingPaused else { return .notPaused(callID) }
        }
        control.recordingPaused = paused
        return nil
    }

    /// `.setRecordingPaused`, from `record_pause`/`record_resume` or the API: the media leg writes
    /// silence into every recording of the call while paused.
    func pauseRecording(_ paused: Bool) {
        control.recordingPaused = paused
        media.setRecordingPaused(paused)
        logger.info("recording \(paused ? "paused" : "resumed")")
    }

    /// A queue recording still running when the call ends (the caller, or the API, hung up while
    /// talking to the agent): its `.recordingFinished` comes after the edge stopped listening, so
    /// the call's row gets the path now (the media thread closes the file a moment later).
    func noteQueueRecordingAtClose() {
        guard let path = queueRecording else { return }
        queueRecording = nil
        let store = services.store, callID = self.callID, logger = self.logger
        let relative = path.hasPrefix(services.dataDirectory + "/") ? String(path.dropFirst(services.dataDirectory.count + 1)) : path
        Task {
            do { try await store.setRecording(callID: callID, path: relative) } catch { logger.error("cannot note the queue recording: \(error)") }
        }
    }
}

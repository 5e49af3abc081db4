import CallgateCore
import Engine
import HTTPAPI

/// The live calls for the HTTP API: listing them, hanging one up, pausing its recording.
/// Each control goes to the call's session, so it takes its turn with everything else the call hears.
extension CallRouter {
    /// Every call up now, oldest first; calls that ended (their `call.end` may still run) are left out.
    func liveCalls(agents: [String: String]) async -> [CallView] {
        var views: [CallView] = []
        for (session, edge) in calls.values {
            let snapshot = await session.snapshot
            guard !snapshot.isEnded else { continue }
            views.append(await view(snapshot, edge: edge, agent: agents[session.id]))
        }
        return views.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
    }

    func view(_ snapshot: SessionSnapshot, edge: SIPCallEdge, agent: String?) async -> CallView {
        let (control, placeInQueue, recording, onHold) = await edge.apiFacts
        var state: CallView.State
        switch snapshot.info.state {
        case .ringing: state = .ringing
        case .early: state = .earlyMedia
        case .answered, .ended: state = .answered
        }
        if let placeInQueue {
            state = placeInQueue == .inQueue && agent != nil ? .agentRinging : placeInQueue
        }
        if let answered = snapshot.transferAnswered { state = answered ? .transferred : .transferring }
        let withAgent = state == .agentRinging || state == .talkingToAgent
        if onHold { state = .onHold }
        if snapshot.isEnding { state = .ending }
        return CallView(id: snapshot.info.id, from: snapshot.info.from, to: snapshot.info.to, direction: snapshot.info.direction,
                        state: state, route: control.route, queue: withAgent || placeInQueue == .inQueue ? control.queue : nil,
                        agent: withAgent ? agent : nil, startedAt: (control.startedAt.timeIntervalSince1970 * 1000).rounded() / 1000,
                        seconds: (snapshot.seconds * 10).rounded() / 10, recording: recording, recordingPaused: control.recordingPaused)
    }

    /// The call with this id that the router still holds: live, or ended with its `call.end` still running.
    func held(_ id: String) -> (session: CallSession<ContinuousClock>, edge: SIPCallEdge)? {
        calls.values.first { $0.session.id == id }
    }

    /// The live call with this id; nil once it has ended.
    func live(_ id: String) async -> (session: CallSession<ContinuousClock>, edge: SIPCallEdge)? {
        guard let call = held(id), await !call.session.snapshot.isEnded else { return nil }
        return call
    }

    /// One live call, for `GET /api/calls/{id}`.
    func liveCall(_ id: String, agents: [String: String]) async -> CallView? {
        guard let call = await live(id) else { return nil }
        return await view(call.session.snapshot, edge: call.edge, agent: agents[id])
    }

    /// `DELETE /api/calls/{id}`: 404 for a call not up, 409 for one already ending (or ended, its
    /// `call.end` still running: hanging up twice is a conflict, not a mystery).
    func hangUp(_ id: String) async throws(CallControlError) {
        guard let call = held(id) else { throw .unknownCall(id) }
        do {
            try await call.session.requestHangup(by: "api")
        } catch {
            throw .ending(id)
        }
        logger.info("hung up over the API", metadata: ["call.id": "\(id)"])
    }

    /// `POST /api/calls/{id}/recording/pause|resume`.
    func setRecordingPaused(_ paused: Bool, call id: String) async throws(CallControlError) {
        guard let call = await live(id) else { throw .unknownCall(id) }
        guard await !call.session.snapshot.isEnding else { throw .ending(id) }
        if let refusal = await call.edge.claim(pausing: paused) { throw refusal }
        do {
            try await call.session.setRecordingPaused(paused, by: "api")
        } catch {
            throw .ending(id)
        }
    }
}

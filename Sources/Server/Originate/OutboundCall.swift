import CallgateCore
import Engine
import Foundation

/// One call the engine places, while it rings: it passes the callee's answer or final failure to
/// the call's session, and ends the ringing at the request's ring timeout (CANCEL; the attempt
/// ends as `no_answer`). Events that arrive before the session exists (a fast 486 on loopback)
/// wait for it.
actor OutboundCall {
    let dialer: SofiaDialer
    let ringSeconds: Int
    var leg: SofiaDialedLeg?
    /// Weakly: the call's edge holds the leg, whose events hold this object.
    weak var session: CallSession<ContinuousClock>?
    var started = false
    var early: [DialEvent] = []
    var ringTimer: Task<Void, Never>?
    var ringTimedOut = false
    var answered = false
    weak var edge: SIPCallEdge?

    init(dialer: SofiaDialer, ringSeconds: Int) {
        self.dialer = dialer
        self.ringSeconds = ringSeconds
    }

    /// The leg rings and the session exists: start the ring timeout, and pass on what already happened.
    func started(leg: SofiaDialedLeg, session: CallSession<ContinuousClock>, edge: SIPCallEdge) async {
        self.leg = leg
        self.session = session
        self.edge = edge
        started = true
        let seconds = ringSeconds
        ringTimer = Task { [weak self] in
            do { try await Task.sleep(for: .seconds(seconds)) } catch { return }
            await self?.ringTimeout()
        }
        let waiting = early
        early = []
        for event in waiting { await self.event(event) }
    }

    func event(_ event: DialEvent) async {
        guard started else {
            early.append(event)
            return
        }
        guard let leg, let session else { return }   // the call is over and gone
        switch event {
        case .answered:
            ringTimer?.cancel()
            guard !answered else { return }
            answered = true
            // From now on the call's session owns the leg: its hangup, re-INVITEs and media.
            let key = await dialer.handOver(leg)
            await edge?.calleeAnswered(localKey: key)
            await session.deliver(.calleeAnswered)
            self.leg = nil   // the call's own now
        case .failed(let status, let reason):
            ringTimer?.cancel()
            let disposition = DialDisposition.of(status: status, ringTimedOut: ringTimedOut)
            let why = ringTimedOut ? "no answer within \(ringSeconds) s" : "\(status) \(reason)"
            await session.deliver(.dialFailed(disposition: disposition, status: status, reason: why))
            self.leg = nil
        case .hungUp:
            break   // after the answer the leg is the session's: its hangup reaches it directly
        }
    }

    func ringTimeout() async {
        guard !answered, let leg else { return }
        ringTimedOut = true
        await leg.hangUp()   // CANCEL: the 487 comes back as `.failed`, and ends the attempt as no_answer
    }

    /// The call ended before the callee answered (the API, a shutdown): stop the ringing.
    func cancel() async {
        ringTimer?.cancel()
        guard !answered else { return }
        await leg?.hangUp()
    }
}

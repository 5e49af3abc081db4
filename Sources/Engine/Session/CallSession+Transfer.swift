import CallgateCore

/// A transfer's outbound leg, driven by the session: rung through the dialer with the caller's
/// identity, timed out on the session's clock, bridged by the edge on answer.
struct TransferInProgress<Instant: Sendable>: Sendable {
    /// Which transfer of this call; events of an earlier one are ignored.
    let serial: UInt64
    let target: Transfer
    var leg: (any DialedLeg)?
    var ringTimer: Task<Void, Never>?
    var answeredAt: Instant?
    var timedOut = false
}

extension CallSession {
    /// The scenario ran `transfer`: resolve the number, ring it, and report `.transferEnded`.
    func startTransfer(_ target: Transfer) async {
        guard let dialer = transferDialer, let targets = transferTargets else {
            await deliver(.transferEnded(reason: "failed", details: ["detail": "transfers are not available here"]))
            return
        }
        let uri: String
        switch await targets.resolve(target.to) {
        case .success(let resolved):
            uri = resolved
        case .failure(let refusal):
            logger.warning("transfer to \(target.to) refused: \(refusal)")
            await deliver(.transferEnded(reason: "failed", details: ["detail": .string(refusal.description)]))
            return
        }
        transferSerial += 1
        let serial = transferSerial
        transfer = TransferInProgress(serial: serial, target: target)
        // The target's screen shows who calls: the caller's number, and the call's id.
        let request = DialRequest(uri: uri, callerNumber: machine.info.from, callerName: callerName,
                                  headers: ["X-Callgate-Call-ID": id, "X-Callgate-Caller": machine.info.from], callee: target.to)
        let leg: any DialedLeg
        do {
            leg = try await dialer.dial(request) { [weak self] event in await self?.transferEvent(serial, event) }
        } catch {
            if transfer?.serial == serial { transfer = nil }
            await deliver(.transferEnded(reason: "failed", details: ["detail": .string("\(error)")]))
            return
        }
        guard transfer?.serial == serial else {
            await leg.hangUp()  // the call ended, or the leg did, while the INVITE went out
            return
        }
        transfer?.leg = leg
        if transfer?.answeredAt != nil {
            await edge.bridge(to: leg)  // answered before `dial` returned
            return
        }
        let seconds = target.timeout
        transfer?.ringTimer = Task { [clock] in
            do { try await clock.sleep(for: .seconds(seconds)) } catch { return }
            await self.transferRingTimedOut(serial)
        }
        await edge.startRingback()
    }

    func transferRingTimedOut(_ serial: UInt64) async {
        guard var current = transfer, current.serial == serial, current.answeredAt == nil else { return }
        current.timedOut = true
        transfer = current
        await current.leg?.hangUp()  // CANCEL; the 487 that follows ends the transfer as no_answer
    }

    /// What the dialer reports about the transfer's leg.
    func transferEvent(_ serial: UInt64, _ event: DialEvent) async {
        guard var current = transfer, current.serial == serial, ended == nil else { return }
        switch event {
        case .answered:
            current.ringTimer?.cancel()
            current.answeredAt = clock.now
            transfer = current
            if let leg = current.leg { await edge.bridge(to: leg) }
            logger.info("transfer to \(current.target.to) answered; bridged")
        case .failed(let status, let reason):
            let outcome: String = switch status {
            case 486, 600, 603: "busy"
            case 408, 480: "no_answer"
            default: current.timedOut ? "no_answer" : "failed"
            }
            await finishTransfer(current, outcome, ["sip_status": .number(Double(status)), "detail": .string(reason)])
        case .hungUp:
            let talk = current.answeredAt.map { $0.duration(to: clock.now) } ?? .zero
            let seconds = Double(talk.components.seconds) + Double(talk.components.attoseconds) / 1e18
            await finishTransfer(current, current.answeredAt == nil ? "failed" : "ended",
                                 ["talk_seconds": .number((seconds * 1000).rounded() / 1000)])
        }
    }

    func finishTransfer(_ current: TransferInProgress<C.Instant>, _ reason: String, _ details: [String: JSONValue]) async {
        current.ringTimer?.cancel()
        transfer = nil
        await edge.unbridge()
        await deliver(.transferEnded(reason: reason, details: details))
    }

    /// The call is ending: a transfer still ringing or bridged is hung up.
    func dropTransfer() async {
        guard let current = transfer else { return }
        current.ringTimer?.cancel()
        transfer = nil
        await current.leg?.hangUp()
    }
}

import CallgateCore
import Engine
import Foundation
import Media
import SIP

/// The outbound leg of a transfer: rung with the caller's identity, bridged on answer.
struct TransferLeg: Sendable {
    /// Which transfer of this call; events of an earlier one are ignored.
    let serial: UInt64
    var leg: SofiaDialedLeg?
    let target: Transfer
    var ringTimer: Task<Void, Never>?
    var answeredAt: ContinuousClock.Instant?
    var timedOut = false
}

extension SIPCallEdge {
    /// Rings an agent's registered softphone or, where a trunk allows the number, an external number.
    func startTransfer(_ target: Transfer) async {
        let uri: String
        if services.config.agent(extension: target.to) != nil {
            guard let contact = await services.registrar.contact(for: target.to) else {
                endTransfer("failed", ["detail": .string("extension \(target.to) is not registered")])
                return
            }
            uri = contact
        } else if let trunk = services.config.trunk(forNumber: target.to) {
            uri = "sip:\(SIPText.escapedUser(target.to))@\(trunk.address.host):\(trunk.address.port)"   // '#' is %23 in a user
        } else {
            logger.warning("transfer to \(target.to) refused: no agent has that extension and no trunk allows the number")
            endTransfer("failed", ["detail": .string("\(target.to) may not be dialed: no agent has that extension and no trunk allows it")])
            return
        }
        // The agent's screen shows who calls: the caller's number and name, and the call's id.
        let request = DialRequest(uri: uri, callerNumber: caller.user, callerName: caller.displayName ?? caller.user,
                                  headers: ["X-Callgate-Call-ID": callID, "X-Callgate-Caller": caller.user])
        transferSerial += 1
        let serial = transferSerial
        transfer = TransferLeg(serial: serial, target: target)
        do {
            let leg = try await services.dialer.dial(request) { [weak self] event in await self?.transferEvent(serial, event) }
            guard transfer?.serial == serial, let dialed = leg as? SofiaDialedLeg else {
                await leg.hangUp()  // the call ended while the INVITE went out
                return
            }
            transfer?.leg = dialed
            if transfer?.answeredAt != nil { media.bridge(with: dialed.media) }  // answered before `dial` returned
            let timeout = target.timeout
            transfer?.ringTimer = Task { [weak self] in
                try? await Task.sleep(for: .seconds(timeout))
                if !Task.isCancelled { await self?.transferRingTimedOut(serial) }
            }
            if transfer?.answeredAt == nil { media.play(AudioClip.ringback, id: 0) }
        } catch {
            transfer = nil
            endTransfer("failed", ["detail": .string("\(error)")])
        }
    }

    func transferRingTimedOut(_ serial: UInt64) async {
        guard var current = transfer, current.serial == serial, current.answeredAt == nil else { return }
        current.timedOut = true
        transfer = current
        await current.leg?.hangUp()  // CANCEL; the 487 that follows ends the transfer as no_answer
    }

    /// What the dialer reports about the transfer's leg.
    func transferEvent(_ serial: UInt64, _ event: DialEvent) async {
        guard var current = transfer, current.serial == serial, !closed else { return }
        switch event {
        case .answered:
            current.ringTimer?.cancel()
            media.stopPlayback()
            if let leg = current.leg { media.bridge(with: leg.media) }
            current.answeredAt = .now
            transfer = current
            logger.info("transfer to \(current.target.to) answered; bridged")
        case .failed(let status, let reason):
            let outcome: String = switch status {
            case 486, 600, 603: "busy"
            case 408, 480: "no_answer"
            case 487: current.timedOut ? "no_answer" : "failed"
            default: current.timedOut ? "no_answer" : "failed"
            }
            finishTransfer(current, outcome, ["sip_status": .number(Double(status)), "detail": .string(reason)])
        case .hungUp:
            let talk = current.answeredAt.map { $0.duration(to: .now) }
            let seconds = talk.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? 0
            finishTransfer(current, current.answeredAt == nil ? "failed" : "ended", ["talk_seconds": .number((seconds * 1000).rounded() / 1000)])
        }
    }

    func finishTransfer(_ current: TransferLeg, _ reason: String, _ details: [String: JSONValue]) {
        current.ringTimer?.cancel()
        media.unbridge()
        media.stopPlayback()
        transfer = nil
        endTransfer(reason, details)
    }

    func endTransfer(_ reason: String, _ details: [String: JSONValue]) {
        report(.transferEnded(reason: reason, details: details))
    }
}

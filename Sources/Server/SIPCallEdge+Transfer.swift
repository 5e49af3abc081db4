import CallgateCore
import Foundation
import Media
import SIP

/// The outbound leg of a transfer: rung with the caller's identity, bridged on answer.
struct TransferLeg: Sendable {
    let leg: LegID
    let media: MediaLeg
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
        let outMedia: MediaLeg
        do {
            outMedia = try services.mediaEngine.openLeg()
        } catch {
            endTransfer("failed", ["detail": .string("no media port: \(error)")])
            return
        }
        let offer = SessionDescription.offer(address: services.rtpAddress, port: Int(outMedia.localPort))
        // The agent's screen shows who calls: the caller's number and name, and the call's id.
        let from = SIPAddress(user: caller.user, host: services.publicAddress, displayName: caller.displayName ?? caller.user)
        let headers = ["X-Callgate-Call-ID": callID, "X-Callgate-Caller": caller.user]
        do {
            let outLeg = try await sip.call(to: uri, from: from, sdp: offer, headers: headers)
            await services.router?.trackOutbound(outLeg, handler: self)
            let timeout = target.timeout
            let timer = Task { [weak self] in
                try? await Task.sleep(for: .seconds(timeout))
                if !Task.isCancelled { await self?.transferRingTimedOut(outLeg) }
            }
            transfer = TransferLeg(leg: outLeg, media: outMedia, target: target, ringTimer: timer)
            media.play(AudioClip.ringback, id: 0)
        } catch {
            outMedia.close()
            endTransfer("failed", ["detail": .string("\(error)")])
        }
    }

    func transferRingTimedOut(_ outLeg: LegID) async {
        guard var current = transfer, current.leg == outLeg, current.answeredAt == nil else { return }
        current.timedOut = true
        transfer = current
        await sip.hangup(outLeg)  // CANCEL; the 487 that follows ends the transfer as no_answer
    }

    /// What the SIP stack reports about the outbound leg.
    func outboundEvent(_ event: SIPEvent) async {
        guard var current = transfer, !closed else { return }
        switch event {
        case .answered(_, let sdp):
            current.ringTimer?.cancel()
            guard current.media.follow(answer: sdp) else {
                await sip.hangup(current.leg)
                finishTransfer(current, "failed", ["detail": .string("the target answered without usable audio")])
                return
            }
            media.stopPlayback()
            media.bridge(with: current.media)
            current.answeredAt = .now
            transfer = current
            logger.info("transfer to \(current.target.to) answered; bridged")
        case .failed(_, let status, let reason):
            let outcome: String = switch status {
            case 486, 600: "busy"
            case 408, 480, 487 where current.timedOut || status != 487: "no_answer"
            case 603: "busy"
            default: current.timedOut ? "no_answer" : "failed"
            }
            finishTransfer(current, outcome, ["sip_status": .number(Double(status)), "detail": .string(reason)])
        case .hungUp:
            let talk = current.answeredAt.map { $0.duration(to: .now) }
            let seconds = talk.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? 0
            finishTransfer(current, current.answeredAt == nil ? "failed" : "ended", ["talk_seconds": .number((seconds * 1000).rounded() / 1000)])
        default:
            break
        }
    }

    func finishTransfer(_ current: TransferLeg, _ reason: String, _ details: [String: JSONValue]) {
        current.ringTimer?.cancel()
        media.unbridge()
        media.stopPlayback()
        current.media.close()
        transfer = nil
        let router = services.router
        Task { await router?.forgetOutbound(current.leg) }
        endTransfer(reason, details)
    }

    func endTransfer(_ reason: String, _ details: [String: JSONValue]) {
        report(.transferEnded(reason: reason, details: details))
    }
}

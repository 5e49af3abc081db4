import CallgateCore
import Engine
import Foundation
import Media
import SIP

/// A blind transfer of a queue caller, asked by the operator's phone (REFER on its leg) or by
/// the API: the caller hears ringback while the target rings; on answer the caller talks to the
/// target and the operator's leg ends; otherwise the caller goes back to the operator.
struct OperatorTransfer: Sendable {
    let serial: UInt64
    /// The operator's extension.
    let by: String
    /// The target as asked (an extension, an external number).
    let to: String
    let operatorLeg: SofiaDialedLeg
    /// The REFER's dialog (the operator's leg) for the NOTIFYs; nil for a transfer by the API.
    let notify: LegID?
    var target: SofiaDialedLeg?
    var answeredEarly = false
    var timedOut = false
    var ringTimer: Task<Void, Never>?
}

/// What became of a request to transfer a call, before anything rings.
enum TransferRequestOutcome: Sendable, Equatable {
    /// How a target that did not answer is named in the trail: `busy`, `no_answer` or `failed`.
    static func failure(status: Int) -> String {
        switch status {
        case 486, 600, 603: "busy"
        case 408, 480, 487: "no_answer"
        default: "failed"
        }
    }

    case accepted
    /// 403: the target may not be rung (no such extension registered, no trunk allows it, no such queue).
    case notAllowed(String)
    /// 409: the call is not talking to an operator now (waiting, ringing, already transferring).
    case notTransferable(String)
    /// 400: the target is no number.
    case invalid(String)
}

extension SIPCallEdge {
    /// Whether `leg` is the operator's leg this caller talks to (or is being transferred from).
    func isOperatorLeg(_ leg: LegID) -> Bool {
        bridgedAgent?.id == leg || operatorTransfer?.operatorLeg.id == leg
    }

    /// Starts a blind transfer of the caller to `target`. `referLeg` is the operator's leg whose
    /// REFER asked for it: it gets 202 and `SIP/2.0 100 Trying` before anything rings, and the
    /// outcome as the final NOTIFY. A refusal is left to the caller of this method to answer.
    func transferCaller(to target: String, referLeg: LegID?) async -> TransferRequestOutcome {
        guard TransferDestination.isValidNumber(target) else { return .invalid("\"\(target.prefix(80))\" is not a number or extension") }
        guard !closed, inQueue, operatorTransfer == nil, let operatorLeg = bridgedAgent, let queues = services.queues else {
            return .notTransferable("the call is not talking to an operator")
        }
        if let referLeg, operatorLeg.id != referLeg { return .notTransferable("that leg is not the caller's operator") }
        switch TransferDestination.classify(target, queuePrefix: services.config.sip.transferQueuePrefix) {
        case .queue(let name):
            guard await queues.settings(of: name) != nil else { return .notAllowed("there is no queue named \(name)") }
            guard bridgedAgent === operatorLeg, operatorTransfer == nil, let agent = await queues.transferStarted(callID) else {
                return .notTransferable("the call is not talking to an operator")
            }
            await accept(referLeg)
            logger.info("operator \(agent) transfers the caller to queue \(name)")
            bridgedAgent = nil
            media.unbridge()
            await queues.transferCompleted(callID)
            report(.transferredByOperator(by: agent, to: target, outcome: "completed"))
            let ticket = CallerTicket(callID: callID, queue: name, callerNumber: caller.user, callerName: caller.displayName)
            let vars = await currentVars()
            inQueue = true
            Task { await queues.join(self, ticket: ticket, vars: vars) }
            if let referLeg { await sip.notifyRefer(referLeg, status: 200, final: true) }
            endOperatorLegLater(operatorLeg)
            return .accepted
        case .number(let number):
            let targets = TransferTargetsFromConfig(config: services.config, registrar: services.registrar)
            let resolved: DialTarget
            switch await targets.resolve(number) {
            case .success(let target): resolved = target
            case .failure(let refusal): return .notAllowed(refusal.description)
            }
            guard bridgedAgent === operatorLeg, operatorTransfer == nil, !closed, let agent = await queues.transferStarted(callID) else {
                return .notTransferable("the call is not talking to an operator")
            }
            await accept(referLeg)
            operatorTransferSerial += 1
            let serial = operatorTransferSerial
            operatorTransfer = OperatorTransfer(serial: serial, by: agent, to: number, operatorLeg: operatorLeg, notify: referLeg)
            logger.info("operator \(agent) transfers the caller to \(number)")
            bridgedAgent = nil
            media.unbridge()
            media.play(AudioClip.ringback, id: 0)
            report(.transferredByOperator(by: agent, to: number, outcome: "started"))
            Task { await self.ringTransferTarget(serial, resolved) }
            return .accepted
        }
    }

    func accept(_ referLeg: LegID?) async {
        guard let referLeg else { return }
        await sip.answerRefer(referLeg, status: 202)
        await sip.notifyRefer(referLeg, status: 100, final: false)
    }

    func ringTransferTarget(_ serial: UInt64, _ resolved: DialTarget) async {
        guard let current = operatorTransfer, current.serial == serial else { return }
        let request = DialRequest(uri: resolved.uri, callerNumber: caller.user, callerName: caller.displayName ?? caller.user,
                                  headers: ["X-Callgate-Call-ID": callID, "X-Callgate-Caller": caller.user,
                                            "X-Callgate-Transferred-By": current.by],
                                  peer: resolved.peer, nextHop: resolved.nextHop)
        let leg: any DialedLeg
        do {
            leg = try await services.dialer.dial(request) { [weak self] event in await self?.transferTargetEvent(serial, event) }
        } catch {
            await transferDidFail(serial, status: 503, reason: "\(error)")
            return
        }
        guard var now = operatorTransfer, now.serial == serial, let target = leg as? SofiaDialedLeg else {
            await leg.hangUp()   // the call ended (or the transfer failed) while the INVITE went out
            return
        }
        now.target = target
        let seconds = services.config.sip.transferRingSeconds
        now.ringTimer = Task { [weak self] in
            do { try await Task.sleep(for: .seconds(seconds)) } catch { return }
            await self?.transferRingTimedOut(serial)
        }
        operatorTransfer = now
        if now.answeredEarly { await transferDidComplete(serial) }
    }

    func transferRingTimedOut(_ serial: UInt64) async {
        guard var current = operatorTransfer, current.serial == serial else { return }
        current.timedOut = true
        operatorTransfer = current
        await current.target?.hangUp()   // CANCEL; its 487 ends the transfer as no answer (408 to the phone)
    }

    /// What the dialer reports about the target's leg, while it rings and once it talks.
    func transferTargetEvent(_ serial: UInt64, _ event: DialEvent) async {
        if let current = operatorTransfer, current.serial == serial {
            switch event {
            case .answered:
                if current.target == nil {
                    operatorTransfer?.answeredEarly = true   // `dial` has not returned yet
                } else {
                    await transferDidComplete(serial)
                }
            case .failed(let status, let reason):
                await transferDidFail(serial, status: current.timedOut ? 408 : status, reason: reason)
            case .hungUp:
                await transferDidFail(serial, status: 487, reason: "ended before it was bridged")
            }
            return
        }
        await transferredLegEvent(event)
    }

    /// After a transfer (blind or attended): the target hangs up; the caller goes back to the
    /// scenario as after any agent's hangup.
    func transferredLegEvent(_ event: DialEvent) async {
        guard case .hungUp = event, let transferred = transferredLeg, !closed else { return }
        transferredLeg = nil
        if bridgedAgent === transferred.leg { bridgedAgent = nil }
        media.unbridge()
        report(.queueLeft(reason: "agent_hangup", details: ["agent": .string(transferred.to), "transferred": .bool(true)]))
    }

    private func transferDidComplete(_ serial: UInt64) async {
        guard let current = operatorTransfer, current.serial == serial, let target = current.target else { return }
        current.ringTimer?.cancel()
        operatorTransfer = nil
        guard !closed else { return }
        media.stopPlayback()
        media.bridge(with: target.media)
        bridgedAgent = target
        transferredLeg = (target, current.to)
        inQueue = false   // the queue is done with this caller: the target's hangup is ours to report
        await services.queues?.transferCompleted(callID)
        report(.transferredByOperator(by: current.by, to: current.to, outcome: "completed"))
        logger.info("transfer by \(current.by) to \(current.to) answered; the caller talks to \(current.to)")
        if let notify = current.notify { await sip.notifyRefer(notify, status: 200, final: true) }
        endOperatorLegLater(current.operatorLeg)
    }

    private func transferDidFail(_ serial: UInt64, status: Int, reason: String) async {
        guard let current = operatorTransfer, current.serial == serial else { return }
        current.ringTimer?.cancel()
        operatorTransfer = nil
        guard !closed else { return }
        media.stopPlayback()
        let outcome = TransferRequestOutcome.failure(status: status)
        report(.transferredByOperator(by: current.by, to: current.to, outcome: outcome))
        logger.info("transfer by \(current.by) to \(current.to) failed (\(status) \(reason))")
        // Back to the operator if it is still there; otherwise the queue sends the caller back to
        // the scenario (`queue.done`, agent_hangup).
        if await services.queues?.transferFailed(callID) == true {
            bridgedAgent = current.operatorLeg
            media.bridge(with: current.operatorLeg.media)
        }
        if let notify = current.notify { await sip.notifyRefer(notify, status: status, final: true) }
    }

    /// The operator's phone normally hangs up once told the transfer worked; if it does not
    /// within a few seconds, the engine ends its leg (the queue already counts it as over).
    func endOperatorLegLater(_ leg: SofiaDialedLeg) {
        Task {
            try? await Task.sleep(for: .seconds(OperatorTransferTiming.operatorByeGraceSeconds))
            await leg.hangUp()
        }
    }

    /// The call ends: a target still ringing is cancelled, a bridged one hung up.
    func dropOperatorTransfer() async {
        if let current = operatorTransfer {
            current.ringTimer?.cancel()
            operatorTransfer = nil
            await current.target?.hangUp()
            await current.operatorLeg.hangUp()
        }
        if let transferred = transferredLeg {
            transferredLeg = nil
            await transferred.leg.hangUp()
        }
    }
}

enum OperatorTransferTiming {
    /// How long an operator's phone has to hang up after the final NOTIFY 200.
    static let operatorByeGraceSeconds = 5
}

import CallgateCore
import Engine
import Media
import SIP

/// An attended transfer (RFC 5589 §7): the operator put the queue caller on hold, called a
/// colleague (a consultation call, ``ExtensionDial``), and now REFERs the caller's leg with a
/// Refer-To whose Replaces names the consultation. The caller is bridged to the colleague's leg,
/// which this call takes over from the consultation; both of the operator's legs end.
extension SIPCallEdge {
    /// The consultation side: the colleague's leg while it is answered and bridged to this call.
    var consultationLeg: SofiaDialedLeg? {
        guard !closed, let leg = transferLeg, leg.wasAnswered else { return nil }
        return leg
    }

    /// The consultation side: the colleague's leg belongs to another call now; this one ends
    /// without it (its media bridge moves with the leg).
    func releaseConsultationLeg(_ leg: SofiaDialedLeg) {
        guard transferLeg === leg else { return }
        leg.observeHold(nil)
        transferLeg = nil
        peerHolds = false
    }

    /// The caller's side: bridges the caller to `consultation`'s colleague. `operatorAgent` is the
    /// authenticated agent who placed the consultation call: it must be the agent this caller
    /// talks to. `referLeg` gets 202 and `SIP/2.0 100 Trying`, then `200 OK` once bridged.
    func attendedTransfer(to colleague: String, from consultation: SIPCallEdge, operatorAgent: String,
                          referLeg: LegID) async -> AttendedTransferOutcome {
        guard !closed, inQueue, operatorTransfer == nil, let operatorLeg = bridgedAgent, operatorLeg.id == referLeg,
              let queues = services.queues else {
            return .notTransferable("the call is not talking to an operator")
        }
        guard let agent = await queues.transferStarted(callID) else { return .notTransferable("the call is not talking to an operator") }
        guard agent == operatorAgent else {
            _ = await queues.transferFailed(callID)
            return .forbidden("the consultation call is not \(agent)'s")
        }
        guard bridgedAgent === operatorLeg, !closed, let colleagueLeg = await consultation.consultationLeg else {
            _ = await queues.transferFailed(callID)
            return .gone("the consultation call has ended")
        }
        guard let adopted = await services.dialer.adopt(colleagueLeg, events: { [weak self] event in await self?.transferredLegEvent(event) })
        else {
            _ = await queues.transferFailed(callID)
            return .gone("the colleague's leg has ended")
        }
        await consultation.releaseConsultationLeg(colleagueLeg)
        await accept(referLeg)
        logger.info("operator \(agent) hands the caller over to \(colleague) (attended transfer)")
        operatorLeg.observeHold(nil)
        peerHolds = false
        media.stopPlayback()   // music on hold while the operator consulted
        media.bridge(with: adopted.media)
        bridgedAgent = adopted
        observeHold(of: adopted)
        transferredLeg = (adopted, colleague)
        inQueue = false   // as after a blind transfer: the colleague's hangup is ours to report
        await queues.transferCompleted(callID)
        report(.transferredByOperator(by: agent, to: colleague, outcome: "attended"))
        await sip.notifyRefer(referLeg, status: 200, final: true)
        endOperatorLegLater(operatorLeg)
        return .accepted
    }
}

/// What became of an operator's REFER with Replaces.
enum AttendedTransferOutcome: Sendable, Equatable {
    /// 202 and NOTIFYs went out; the caller talks to the colleague.
    case accepted
    /// 403: the consultation call is another agent's.
    case forbidden(String)
    /// 481: the consultation call (or the colleague's leg in it) has ended.
    case gone(String)
    /// 403: the caller is not talking to this operator now (waiting, transferring already).
    case notTransferable(String)
}

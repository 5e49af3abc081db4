import CallgateCore
import Engine
import SIP

/// An agent's call to a colleague's extension, as an attended transfer needs to find it.
struct ConsultationCall: Sendable {
    let sipCallID: String
    /// The authenticated agent who placed it.
    let agent: String
    /// The colleague's extension it rings.
    let colleague: String
}

/// The consultation call a Replaces names, as far as the router can tell.
enum ConsultationMatch {
    case found(leg: LegID, call: ConsultationCall, edge: SIPCallEdge)
    case notFound
}

extension CallRouter {
    /// An operator's REFER whose Refer-To names the consultation call (RFC 3891 Replaces): 481
    /// when no consultation call up matches it, 403 when it is another agent's (or the caller is
    /// not talking to this operator), else 202 and the caller's edge does the rest. The consultation
    /// call then ends (BYE to the operator's phone on it), without its colleague leg.
    func attendedTransfer(_ edge: SIPCallEdge, referLeg: LegID, colleague: String, replaces: DialogReference) async {
        let sip = services.sip
        guard case .found(let consultationLeg, let consultation, let consultationEdge) = await consultationCall(named: replaces) else {
            logger.notice("REFER with Replaces naming no consultation call up (Call-ID \(LogText.quoted(String(replaces.callID.prefix(80))))): 481")
            await sip.answerRefer(referLeg, status: 481)
            return
        }
        if consultation.colleague != colleague {
            logger.info("REFER with Replaces: Refer-To says \(colleague), the consultation call rings \(consultation.colleague); using the call")
        }
        let outcome = await edge.attendedTransfer(to: consultation.colleague, from: consultationEdge, operatorAgent: consultation.agent,
                                                  referLeg: referLeg)
        switch outcome {
        case .accepted:
            // Like the target of an INVITE with Replaces (RFC 5589 §7.1), the engine ends the
            // replaced dialog itself.
            await calls[consultationLeg]?.session.deliver(.hangupRequested(by: "transfer"))
        case .forbidden(let why), .notTransferable(let why):
            logger.notice("REFER with Replaces refused: \(why): 403")
            await sip.answerRefer(referLeg, status: 403)
        case .gone(let why):
            logger.notice("REFER with Replaces refused: \(why): 481")
            await sip.answerRefer(referLeg, status: 481)
        }
    }

    /// The consultation call whose inbound dialog is `reference`. The Call-ID must match exactly;
    /// the tags are taken in either order (a phone names the dialog from its side: `to-tag` is
    /// ours, `from-tag` its own, but not every phone gets that right).
    func consultationCall(named reference: DialogReference) async -> ConsultationMatch {
        for (leg, call) in consultations where call.sipCallID == reference.callID {
            guard let edge = calls[leg]?.edge, let dialog = await services.sip.dialogID(of: leg), dialog.callID == reference.callID else { continue }
            let asNamed = dialog.localTag == reference.toTag && dialog.remoteTag == reference.fromTag
            let swapped = dialog.localTag == reference.fromTag && dialog.remoteTag == reference.toTag
            if asNamed || swapped { return .found(leg: leg, call: call, edge: edge) }
            logger.notice("REFER with Replaces: the Call-ID is the consultation's, the tags are not (ours \(LogText.quoted(dialog.localTag)), its \(LogText.quoted(dialog.remoteTag)))")
        }
        return .notFound
    }
}

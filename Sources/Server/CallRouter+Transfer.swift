import CallgateCore
import Engine
import HTTPAPI
import SIP

/// Transfers asked from outside a call's scenario: a REFER from an operator's phone, and
/// `POST /api/calls/{id}/transfer`. Both go to the caller's edge (``SIPCallEdge/transferCaller(to:referLeg:)``).
extension CallRouter {
    /// A REFER on `leg`: answered 400 (no usable Refer-To), 403 (a target the rules refuse, or a
    /// leg that is no operator's), or 202 by the edge, which then NOTIFYs the outcome. A Refer-To
    /// with Replaces is an attended transfer (``attendedTransfer(_:referLeg:colleague:replaces:)``).
    func referred(_ leg: LegID, _ request: ReferRequest) async {
        let sip = services.sip
        guard let referTo = request.referTo, let target = ReferTarget.parse(referTo) else {
            logger.notice("REFER with an unusable Refer-To: 400")
            await sip.answerRefer(leg, status: 400)
            return
        }
        guard let edge = await edge(withOperatorLeg: leg) else {
            logger.notice("REFER on a leg that is not an operator's talking to a queue caller: 403")
            await sip.answerRefer(leg, status: 403)
            return
        }
        if let replaces = target.replaces {
            await attendedTransfer(edge, referLeg: leg, colleague: target.number, replaces: replaces)
            return
        }
        let outcome = await edge.transferCaller(to: target.number, referLeg: leg)
        switch outcome {
        case .accepted:
            break
        case .notAllowed(let why):
            logger.notice("REFER to \(target.number) refused: \(why)")
            await sip.answerRefer(leg, status: 403)
        case .notTransferable(let why):
            logger.notice("REFER refused: \(why)")
            await sip.answerRefer(leg, status: 403)
        case .invalid(let why):
            logger.notice("REFER refused: \(why)")
            await sip.answerRefer(leg, status: 400)
        }
    }

    func edge(withOperatorLeg leg: LegID) async -> SIPCallEdge? {
        for call in calls.values {
            if await call.edge.isOperatorLeg(leg) { return call.edge }
        }
        return nil
    }

    /// The API's transfer: the same as an operator's REFER, without NOTIFYs. nil when no call
    /// with that id is up.
    func transfer(callID: String, to target: String) async -> TransferRequestOutcome? {
        guard let call = calls.values.first(where: { $0.edge.callID == callID }) else { return nil }
        return await call.edge.transferCaller(to: target, referLeg: nil)
    }
}

extension CallRouter {
    /// The API's transfer with its refusals as the API's errors: a call that is not up is 409
    /// when it is recorded (it has ended), 404 otherwise.
    func apiTransfer(call: String, to target: String) async throws(CallTransferError) {
        try await apiOutcome(call: call, await transfer(callID: call, to: target))
    }

    /// The API's three-way call (``SIPCallEdge/addParty(_:)``), with the same refusals.
    func apiAddParty(call: String, to target: String) async throws(CallTransferError) {
        let edge = calls.values.first { $0.edge.callID == call }?.edge
        try await apiOutcome(call: call, await edge?.addParty(target))
    }

    private func apiOutcome(call: String, _ outcome: TransferRequestOutcome?) async throws(CallTransferError) {
        guard let outcome else {
            if (try? await store.call(id: call)) != nil { throw .notTransferable("the call has ended") }
            throw .unknownCall(call)
        }
        switch outcome {
        case .accepted: return
        case .notAllowed(let why): throw .notAllowed(why)
        case .notTransferable(let why): throw .notTransferable(why)
        case .invalid(let why): throw .invalidTarget(why)
        }
    }
}

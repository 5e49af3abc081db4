import CSofiaSIP
import Logging
import SofiaShim

/// In-dialog events (CANCEL, ACK, BYE, INFO, state changes) and hanging up.
extension SofiaAgent {
    func onCancel(_ e: SofiaCallback) {
        guard var leg = leg(for: e.handle), !leg.reported else { return }
        leg.reported = true
        legs[leg.id] = leg
        emit(.cancelled(leg.id))
    }

    func onAck(_ e: SofiaCallback) {
        guard var leg = leg(for: e.handle) else { return }
        if leg.phase == .answered { leg.phase = .confirmed }
        if leg.direction == .inbound, leg.localTag == nil, let sip = e.sip?.pointee {
            // The dialog's tags as the ACK carries them, for a Replaces that names this dialog.
            leg.localTag = sip.sip_to?.pointee.a_tag.map { String(cString: $0) }
            leg.remoteTag = sip.sip_from?.pointee.a_tag.map { String(cString: $0) }
        }
        if leg.byeAfterAck {
            leg.byeAfterAck = false
            ss_nua_bye(leg.handle)
        }
        legs[leg.id] = leg
        if let sdp = e.message.sdp { emit(.lateOfferAnswer(leg.id, sdp: sdp)) }
    }

    func onBye(_ e: SofiaCallback) {
        guard var leg = leg(for: e.handle), !leg.reported else { return }
        leg.reported = true
        legs[leg.id] = leg
        emit(.hungUp(leg.id))
    }

    func onInfo(_ e: SofiaCallback) {
        guard let leg = leg(for: e.handle) else {
            releaseIfStray(e.handle)
            return
        }
        let message = e.message
        guard let key = DTMFInfo.key(contentType: message.contentType, body: message.body ?? "") else {
            logger.debug("SIP: INFO without DTMF on \(leg.id): \(message.contentType ?? "no body")")
            return
        }
        emit(.dtmf(leg.id, key))
    }

    /// `nua_i_state`: only the end matters here. A leg that ends without an event the engine
    /// knows of (ACK timeout, transport failure) is reported as hung up or failed.
    func onState(_ e: SofiaCallback) {
        guard let handle = e.handle, ss_tags_callstate(e.tags) == Int32(nua_callstate_terminated.rawValue) else { return }
        if closingHandles.remove(handle) != nil {
            nua_handle_destroy(handle)
            return
        }
        guard let leg = leg(for: handle) else { return }
        if !leg.reported, !leg.endedByUs {
            switch (leg.direction, leg.phase) {
            case (.outbound, .offered), (.outbound, .early):
                emit(.failed(leg.id, status: e.status >= 300 ? Int(e.status) : 500, reason: e.phrase))
            default:
                emit(.hungUp(leg.id))
            }
        }
        release(leg.id)
    }

    // MARK: The engine hangs up

    func hangup(_ id: LegID) {
        guard var leg = legs[id], !leg.reported, !leg.endedByUs, !leg.cancelRequested else { return }
        leg.endedByUs = true
        switch (leg.direction, leg.phase) {
        case (.inbound, .offered), (.inbound, .early):
            respond(leg.handle, status: 480)
        case (.inbound, .answered):
            leg.byeAfterAck = true
        case (.outbound, .offered), (.outbound, .early):
            leg.cancelRequested = true
            leg.endedByUs = false   // the 487 still comes back as .failed
            ss_nua_cancel(leg.handle)
        case (_, .confirmed):
            ss_nua_bye(leg.handle)
        case (.outbound, .answered):
            ss_nua_bye(leg.handle)
        }
        legs[id] = leg
    }
}

import CSofiaSIP
import Logging
import SofiaShim

/// REFER (RFC 3515): nua leaves REFER to the application (`NUTAG_APPL_METHOD`), so the engine
/// decides on each one. The request is kept (referenced) until the engine answers it; progress
/// goes out as NOTIFYs with `message/sipfrag` on REFER's implicit subscription.
extension SofiaAgent {
    func onRefer(_ e: SofiaCallback) {
        guard let handle = e.handle, let nua = e.nua else { return }
        guard var leg = leg(for: handle), !leg.reported, !leg.endedByUs else {
            // Out of any call we know (or one ending): nothing to transfer.
            answerNow(handle, nua: nua, status: 481)
            releaseIfStray(handle)
            return
        }
        guard leg.pendingRefer == nil, leg.referEvent == nil else {
            answerNow(handle, nua: nua, status: 491)   // one transfer at a time per dialog
            return
        }
        let referTo = e.sip.flatMap { duplicated(ss_refer_to_dup($0)) }
        guard let referTo, !referTo.isEmpty, referTo.utf8.count <= ReferRequest.maximumReferToLength else {
            logger.notice("SIP: 400 for a REFER on \(leg.id): Refer-To missing, unparsable or too long")
            answerNow(handle, nua: nua, status: 400)
            return
        }
        let referredBy = e.sip.flatMap { duplicated(ss_referred_by_dup($0)) }
        leg.pendingRefer = ss_current_request_ref(nua)
        leg.referEvent = duplicated(ss_tags_refer_event_dup(e.tags)) ?? "refer"
        legs[leg.id] = leg
        logger.info("SIP: REFER on \(leg.id) to \(referTo)")
        emit(.refer(leg.id, ReferRequest(referTo: referTo, referredBy: referredBy)))
    }

    /// The engine's answer to the REFER reported on `id`: 202 Accepted, or a refusal (which ends
    /// the implicit subscription before it began).
    func answerRefer(_ id: LegID, status: Int) {
        guard var leg = legs[id], let request = leg.pendingRefer else {
            logger.debug("SIP: answerRefer(\(id)) with no REFER pending")
            return
        }
        let tags = TagList()
        if let contact = leg.contact { tags.add(ss_siptag_contact_str, contact) }
        tags.withTags { ss_nua_respond_to(leg.handle, request, Int32((200...699).contains(status) ? status : 500), $0) }
        ss_msg_unref(request)
        leg.pendingRefer = nil
        if status >= 300 { leg.referEvent = nil }
        legs[id] = leg
    }

    /// NOTIFY with `SIP/2.0 <status> <phrase>` as `message/sipfrag`; `final` ends the subscription
    /// (`Subscription-State: terminated`) and no more NOTIFYs follow.
    func notifyRefer(_ id: LegID, status: Int, final: Bool) {
        guard var leg = legs[id], !leg.reported, let event = leg.referEvent else { return }
        let tags = TagList()
        let state = final ? nua_substate_terminated : nua_substate_active
        tags.add(ss_nutag_substate(Int32(state.rawValue)))
        tags.add(ss_siptag_event_str, event)
        tags.add(ss_siptag_content_type_str, "message/sipfrag;version=2.0")
        tags.add(ss_siptag_payload_str, "SIP/2.0 \(status) \(SIPStatusPhrase.phrase(status))\r\n")
        tags.withTags { ss_nua_notify(leg.handle, $0) }
        if final { leg.referEvent = nil }
        legs[id] = leg
    }

    /// Answers the request of the current callback at once (a REFER we refuse without the engine).
    private func answerNow(_ handle: OpaquePointer, nua: OpaquePointer, status: Int) {
        let tags = TagList()
        tags.add(ss_nutag_with_this(nua))
        tags.withTags { ss_nua_respond(handle, Int32(status), nil, $0) }
    }
}

/// Reason phrases for the sipfrag status lines of our NOTIFYs.
enum SIPStatusPhrase {
    static func phrase(_ status: Int) -> String {
        switch status {
        case 100: "Trying"
        case 180: "Ringing"
        case 200: "OK"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 480: "Temporarily Unavailable"
        case 481: "Call/Transaction Does Not Exist"
        case 486: "Busy Here"
        case 487: "Request Terminated"
        case 488: "Not Acceptable Here"
        case 503: "Service Unavailable"
        case 603: "Decline"
        default: status < 300 ? "OK" : "Failed"
        }
    }
}

import CSofiaSIP
import SofiaShim

/// The identity of an inbound dialog, for an attended transfer whose Replaces names it.
extension SofiaAgent {
    /// Call-ID and tags of the inbound leg `id` once it is answered; nil for an outbound leg, one
    /// not answered yet (no local tag), or one that is ending.
    func dialogID(of id: LegID) -> SIPDialogID? {
        guard let leg = legs[id], leg.direction == .inbound, !leg.isUnanswered, !leg.reported, !leg.endedByUs,
              let callID = leg.callID else { return nil }
        // The tags the ACK carried; before it (or without them), what nua keeps of the dialog.
        let localTag = leg.localTag ?? nua_handle_local(leg.handle)?.pointee.a_tag.map({ String(cString: $0) })
        let remoteTag = leg.remoteTag ?? nua_handle_remote(leg.handle)?.pointee.a_tag.map({ String(cString: $0) })
        guard let localTag, let remoteTag, !localTag.isEmpty, !remoteTag.isEmpty else {
            logger.debug("SIP: no dialog tags known for \(id)")
            return nil
        }
        return SIPDialogID(callID: callID, localTag: localTag, remoteTag: remoteTag)
    }
}

/// What the SIP front reports to the engine. Events report what the other side did; the engine's
/// own `reject`/`hangup` produce none, except `.failed(487)` for an outbound leg it cancelled.
public enum SIPEvent: Sendable {
    case incomingCall(IncomingCall)
    /// The caller sent CANCEL before we answered (Sofia answers 487 itself).
    case cancelled(LegID)
    /// Remote BYE, or the dialog died (e.g. our 200 OK was never ACKed).
    case hungUp(LegID)
    /// Hold/resume or other re-INVITE: answer with `acceptReinvite`. sdp is nil for a late offer.
    case reinvite(LegID, sdp: String?)
    /// The ACK carried SDP: the caller's answer to the offer we made in our 200 OK, because its
    /// INVITE (or re-INVITE) had no SDP (late offer). Only sent when the ACK has a body.
    case lateOfferAnswer(LegID, sdp: String)
    /// A key from SIP INFO (application/dtmf-relay "Signal=5" or application/dtmf).
    case dtmf(LegID, Character)
    /// Outbound leg: 180/183 (sdp with 183 early media).
    case progress(LegID, status: Int, sdp: String?)
    /// Outbound leg: 200 OK; the stack has sent the ACK.
    case answered(LegID, sdp: String?)
    /// Outbound leg: final failure (486 busy, 408/480 no answer, 487 cancelled, 503, ...).
    case failed(LegID, status: Int, reason: String)
    /// In-dialog REFER (RFC 3515, a transfer from the phone): answer it with `answerRefer` (202,
    /// or 400/403/...), then report progress with `notifyRefer`. Refer-To is missing when the
    /// header was absent or unparsable: answer 400.
    case refer(LegID, ReferRequest)
    /// An authenticated REGISTER was accepted, one event per contact (expires 0 = unregistered).
    case registered(Registration)
}

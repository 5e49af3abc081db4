import CSofiaSIP

/// The stack's record of one INVITE dialog. Lives on the Sofia thread inside ``SofiaAgent``.
struct Leg {
    enum Direction { case inbound, outbound }

    enum Phase {
        /// Inbound: INVITE received, no final answer yet. Outbound: INVITE sent.
        case offered
        /// A 18x was sent (inbound) or received (outbound).
        case early
        /// Inbound: 200 OK sent, ACK not yet received.
        case answered
        /// 200 OK sent and ACKed, or received and ACKed.
        case confirmed
    }

    let id: LegID
    let handle: OpaquePointer
    let direction: Direction
    var phase: Phase = .offered
    /// A re-INVITE waits for `acceptReinvite`.
    var reinvitePending = false
    /// `hangup` came between our 200 OK and its ACK: BYE once the ACK arrives (RFC 3261 15).
    var byeAfterAck = false
    /// `hangup` of an unanswered outbound leg sent CANCEL.
    var cancelRequested = false
    /// The engine ended this leg (reject/hangup): its end needs no event.
    var endedByUs = false
    /// An ending event (.cancelled, .hungUp, .failed) was already sent.
    var reported = false
    /// Our Contact for this dialog when Sofia's own would not do: over TLS with a `sip:` peer,
    /// `<sip:callgate@host:port;transport=tls>` instead of Sofia's `sips:` (which baresip refuses).
    var contact: String?
    /// A REFER the engine has not answered yet (a referenced `msg_t`, given back once answered).
    var pendingRefer: OpaquePointer?
    /// The Event of the REFER's implicit subscription ("refer" or "refer;id=N") while NOTIFYs may
    /// still be sent for it: set when a REFER arrives, cleared by the final NOTIFY or a refusal.
    var referEvent: String?
    /// Inbound: the INVITE's Call-ID, so that a Replaces (RFC 3891) can name this dialog.
    var callID: String?
    /// Inbound, once ACKed: our tag (the ACK's To) and the caller's (its From).
    var localTag: String?
    var remoteTag: String?

    /// Outbound to a carrier with an account: the index in `settings.trunkAccounts`.
    var trunkAccount: Int?
    /// Our credentials answered one challenge to this INVITE: a second one is a failure.
    var challengeAnswered = false

    var isUnanswered: Bool { phase == .offered || phase == .early }
}

/// An inbound dialog as RFC 3261 identifies it: its Call-ID, our tag (the To tag of our answers)
/// and the caller's (its From tag). A Replaces header (RFC 3891) names a dialog this way, from
/// the point of view of the phone that holds it: its `to-tag` is our local tag, its `from-tag` the
/// phone's own.
public struct SIPDialogID: Sendable, Hashable {
    public var callID: String
    public var localTag: String
    public var remoteTag: String

    public init(callID: String, localTag: String, remoteTag: String) {
        self.callID = callID
        self.localTag = localTag
        self.remoteTag = remoteTag
    }
}

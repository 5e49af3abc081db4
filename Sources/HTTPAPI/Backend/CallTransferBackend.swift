/// What `POST /api/calls/{id}/transfer` needs from the engine: the blind transfer an operator's
/// phone asks for with REFER, with the same rules and the same outcome. A backend that also
/// conforms to this protocol gets the route.
public protocol CallTransferBackend: Sendable {
    /// Starts transferring the call's caller to `target` (an extension, an external number the
    /// trunks allow, or the queue prefix and a queue's name). Returns once the target rings (or,
    /// for a queue, once the caller has joined it); the outcome arrives on the call's trail.
    func transfer(call: String, to target: String) async throws(CallTransferError)
    /// Rings `target` (an extension or an external number the trunks allow) and, once it answers,
    /// makes the call a three-way call with the caller and the operator. Same refusals.
    func addParty(call: String, to target: String) async throws(CallTransferError)
}

/// Why a transfer was refused; each case is one status code.
public enum CallTransferError: Error, Sendable, Hashable {
    /// No call with this id, live or recorded (404).
    case unknownCall(String)
    /// The call has ended, or is not talking to an operator now (409); the text says which.
    case notTransferable(String)
    /// The target may not be rung: not a registered extension, no trunk allows the number, no such queue (403).
    case notAllowed(String)
    /// The target is not a number, extension or queue (400, field `to`).
    case invalidTarget(String)
}

import CallgateCore

/// What a callback needs besides the ``Dialer``: both of its parties are legs the engine placed,
/// so the audio between them and the customer call's record are the edge's work. `serve` does it
/// with the media engine and the store; tests write down what they were asked.
public protocol CallbackEdge: Sendable {
    /// Ringback on the leg: the agent waiting for the customer (agent-first), or the customer
    /// waiting for the agent's phone (customer-first). Stops with the bridge or the leg's end.
    func ringback(on leg: any DialedLeg) async
    /// Customer and agent talk; recorded when the queue says so (`callID` is the callback's).
    func bridge(customer: any DialedLeg, agent: any DialedLeg, recording: Bool, callID: String) async
    /// The customer call's record (`direction: outbound`), at its start, its answer and its end.
    func save(_ record: CallRecord, startedAt: Double) async
}

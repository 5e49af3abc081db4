/// A timer of the queue machine. The generation tells a stale expiry from the current one: a
/// timer that was cancelled or replaced is ignored when it fires anyway.
public struct ACDTimer: Sendable, Hashable, CustomStringConvertible {
    /// What the timer is for, and whose it is.
    public enum Kind: Sendable, Hashable {
        /// The caller's longest wait.
        case maxWait(callID: String)
        /// The current offer of the caller rings out.
        case ringTimeout(callID: String)
        /// The caller may be offered again after an unanswered offer.
        case retry(callID: String)
        /// Time for the caller's next announcement.
        case announce(callID: String)
        /// The agent's wrap-up ends.
        case wrapUp(agent: String)
        /// The customer of a callback has not answered in the queue's `callbackRingSeconds`.
        case callbackRing(callID: String)
    }

    public var kind: Kind
    public var generation: Int

    public init(kind: Kind, generation: Int) {
        self.kind = kind
        self.generation = generation
    }

    public var description: String {
        switch kind {
        case .maxWait(let id): "max_wait(\(id))#\(generation)"
        case .ringTimeout(let id): "ring_timeout(\(id))#\(generation)"
        case .retry(let id): "retry(\(id))#\(generation)"
        case .announce(let id): "announce(\(id))#\(generation)"
        case .wrapUp(let agent): "wrap_up(\(agent))#\(generation)"
        case .callbackRing(let id): "callback_ring(\(id))#\(generation)"
        }
    }
}

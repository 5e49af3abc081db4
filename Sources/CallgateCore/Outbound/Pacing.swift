/// How many calls an agent campaign places now. A pacer is a pure state machine: the campaign
/// driver feeds it what happened, with the time on the campaign's clock (seconds), and asks it
/// how many new calls to place; tests and `make bench` run it in simulated time.
public protocol Pacer: Sendable {
    /// Something happened to the campaign's calls or agents.
    mutating func record(_ event: PacingEvent, at time: Double)
    /// How many new calls to place now, given the agents free to take a call and the calls
    /// already placed and not yet connected or over (ringing, or answered and waiting for an agent).
    func callsToPlace(freeAgents: Int, callsInProgress: Int, at time: Double) -> Int
}

/// What a pacer hears of.
public enum PacingEvent: Sendable, Hashable {
    /// A call was placed.
    case placed
    /// A placed call was answered by a person (machines are not counted as answers to pace on).
    case answered
    /// A placed call was not answered (busy, no answer, failed) or reached a machine.
    case unanswered
    /// An answered call reached an agent after waiting this long (seconds).
    case connected(wait: Double)
    /// An answered call found no free agent in time: it heard the abandon message.
    case abandoned
    /// An agent's call with a contact ended after this long (seconds of talk and wrap-up).
    case handled(seconds: Double)
}

/// Preview and progressive dialing: one call per free agent, never more.
public struct ProgressivePacer: Pacer {
    public init() {}
    public mutating func record(_ event: PacingEvent, at time: Double) {}
    public func callsToPlace(freeAgents: Int, callsInProgress: Int, at time: Double) -> Int {
        max(0, freeAgents - callsInProgress)
    }
}

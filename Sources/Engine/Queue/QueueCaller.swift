import CallgateCore

/// The caller's side of a queue, as the queue driver sees it: the call edge in `serve`, a
/// recording fake in tests. The driver decides; the caller side plays and bridges.
public protocol QueueCaller: Sendable {
    /// Loop the queue's music on hold until an announcement, a bridge or the end.
    func startMusicOnHold(_ file: String) async
    /// Speak position and estimated wait over the music, which then resumes.
    func announce(_ text: String) async
    /// An agent answered: the caller talks to the agent's leg, recorded when the queue says so.
    func bridge(to leg: any DialedLeg, recording: Bool) async
    /// The agent hung up: the caller is no longer bridged.
    func unbridge() async
    /// The queue is done with the caller (timeout, full, no agents, the agent hung up): back to
    /// the scenario with `queue.done`.
    func leftQueue(reason: String, details: [String: JSONValue]) async
    /// The operator's leg ended while a transfer or a three-way call it started goes on (after
    /// ``QueueDriver/transferStarted(_:)``): the caller's side decides what follows.
    func operatorLeft() async
    /// The queue could not take the caller at all (no such queue).
    func queueUnavailable(_ detail: String) async
}

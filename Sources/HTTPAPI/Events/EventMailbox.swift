import CallgateCore
import Synchronization

/// An `EventBacklog` shared by the task that drains the engine's stream and the task that writes
/// to the client's socket: `push` never waits, `next` waits for an event.
///
/// - warning: One reader at a time: a second concurrent `next()` would replace the first's waiter.
final class EventMailbox: Sendable {
    private struct State {
        var backlog: EventBacklog
        var waiter: CheckedContinuation<EngineEvent?, Never>?
        var finished = false
    }

    private let state: Mutex<State>

    init(capacity: Int) {
        state = Mutex(State(backlog: EventBacklog(capacity: capacity)))
    }

    /// Adds an event without ever waiting; the oldest goes when the backlog is full.
    func push(_ event: EngineEvent) {
        let handoff: (CheckedContinuation<EngineEvent?, Never>, EngineEvent)? = state.withLock { state in
            guard !state.finished else { return nil }
            state.backlog.append(event)
            guard let waiter = state.waiter, let next = state.backlog.next() else { return nil }
            state.waiter = nil
            return (waiter, next)
        }
        if let (waiter, event) = handoff { waiter.resume(returning: event) }
    }

    /// No more events will come: `next()` hands out what is left, then nil.
    func finish() {
        let waiter = state.withLock { state in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next frame to send, waiting for one; nil once finished and empty, or when cancelled.
    func next() async -> EngineEvent? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<EngineEvent?, Never>) in
                let ready: EngineEvent?? = state.withLock { state in
                    if let event = state.backlog.next() { return .some(event) }
                    if state.finished { return .some(nil) }
                    assert(state.waiter == nil, "EventMailbox.next() called by two readers at once")
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            finish()
        }
    }
}

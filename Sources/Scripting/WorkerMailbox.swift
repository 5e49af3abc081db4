import Synchronization

/// What a persistent worker's readers report to the request waiting on it.
enum WorkerMessage: Sendable, Equatable {
    /// One complete stdout line, without its newline.
    case line([UInt8])
    /// stdout ("stdout": a line longer than the limit) or stderr (more than the limit during one
    /// event) overflowed; the worker is being killed.
    case overflow(stream: String)
    /// The worker is gone: its stdout closed, and the process exited or was killed.
    case exited(WorkerExit)
}

/// How a worker process ended.
struct WorkerExit: Sendable, Equatable {
    var code: Int32?
    var signal: Int32?
    /// The engine killed it (deadline, protocol error, shutdown, or it closed stdout while alive).
    var killedByEngine: Bool
    /// The last lines of stderr over the worker's life, joined with " | ".
    var stderrTail: String
}

/// The hand-over point between a worker's stdout reader and the one request it is serving: at most
/// one request waits, and a line is only accepted while a request expects one.
///
/// - warning: One event at a time: `expect()` before writing the event, then one `next()`.
final class WorkerMailbox: Sendable {
    private struct State {
        var queue: [WorkerMessage] = []
        var waiter: CheckedContinuation<WorkerMessage?, Never>?
        var expecting = false
        var exit: WorkerExit?
    }

    private let state = Mutex(State())

    /// A request is about to write an event: the next line is its answer.
    func expect() {
        state.withLock { $0.expecting = true }
    }

    /// Delivers a reader's message. Returns false for a stdout line nobody asked for (a second
    /// line for one event, or a line while idle): the worker is then out of step and must go.
    func post(_ message: WorkerMessage) -> Bool {
        let (accepted, waiter): (Bool, CheckedContinuation<WorkerMessage?, Never>?) = state.withLock { state in
            if case .exited(let exit) = message { state.exit = exit }
            if case .line = message {
                let lineQueued = state.queue.contains { if case .line = $0 { true } else { false } }
                guard state.expecting, !lineQueued else { return (false, nil) }
            }
            if let waiter = state.waiter {
                state.waiter = nil
                if case .line = message { state.expecting = false }
                return (true, waiter)
            }
            state.queue.append(message)
            return (true, nil)
        }
        waiter?.resume(returning: message)
        return accepted
    }

    /// The next message for the request in flight; nil when the waiting task is cancelled.
    func next() async -> WorkerMessage? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<WorkerMessage?, Never>) in
                let ready: WorkerMessage?? = state.withLock { state in
                    if !state.queue.isEmpty {
                        let message = state.queue.removeFirst()
                        if case .line = message { state.expecting = false }
                        return .some(message)
                    }
                    if let exit = state.exit { return .some(.exited(exit)) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}

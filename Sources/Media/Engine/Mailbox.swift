import Synchronization

/// The way into the media thread: a locked command queue plus an eventfd doorbell. `post` is safe
/// from any thread and never blocks on the media thread; commands run in the order posted.
final class Mailbox: Sendable {
    struct State {
        var commands: [MediaCommand] = []
        var stopping = false
    }

    let doorbell: EventSignal
    private let state = Mutex(State())

    init(doorbell: EventSignal) {
        self.doorbell = doorbell
    }

    /// Queues a command; returns false (and drops it) once the engine is stopping.
    @discardableResult
    func post(_ command: MediaCommand) -> Bool {
        let accepted = state.withLock { state in
            guard !state.stopping else { return false }
            state.commands.append(command)
            return true
        }
        if accepted { doorbell.ring() }
        return accepted
    }

    func requestStop() {
        state.withLock { $0.stopping = true }
        doorbell.ring()
    }

    var isStopping: Bool { state.withLock { $0.stopping } }

    /// Everything queued so far, and whether the engine is stopping (media thread).
    func take() -> (commands: [MediaCommand], stopping: Bool) {
        state.withLock { state in
            defer { state.commands.removeAll() }
            return (state.commands, state.stopping)
        }
    }
}

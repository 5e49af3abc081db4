import Foundation
import Subprocess
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The process group of one scenario run, so everything it started can be killed together.
final class ProcessGroup: Sendable {
    private let state = Mutex<(pid: pid_t?, pidfd: Int32?, timedOut: Bool)>((nil, nil, false))

    func started(_ id: ProcessIdentifier) {
        // Our own copy of the pidfd: swift-subprocess closes its copy when it reaps the process.
        let fd = id.processDescriptor >= 0 ? dup(id.processDescriptor) : -1
        state.withLock { $0.pid = id.value; $0.pidfd = fd >= 0 ? fd : nil }
    }

    /// SIGKILL to the whole group. Harmless when the group is already gone.
    func kill(timedOut: Bool = false) {
        let pid = state.withLock { state in
            if timedOut { state.timedOut = true }
            return state.pid
        }
        if let pid { _ = Glibc.kill(-pid, SIGKILL) }
    }

    /// Whether the deadline, not the scenario, ended the run.
    var timedOut: Bool { state.withLock { $0.timedOut } }

    /// Returns when the scenario's main process has exited (its pidfd becomes readable).
    ///
    /// No thread waits for it: the pidfd is watched by a dispatch read source, i.e. by libdispatch's
    /// epoll manager thread. (A blocking `poll` here used to hold a `DispatchQueue.global()` worker
    /// for the whole run; that pool is the one Swift concurrency's jobs run on, so every running
    /// scenario took a thread away from the engine.) The source watches its own `dup` of the pidfd
    /// and closes it in its cancel handler, as libdispatch requires, whatever happens to the group.
    func waitForExit() async {
        guard let fd = state.withLock({ $0.pidfd }) else { return }
        let watched = dup(fd)
        guard watched >= 0 else { return await waitForExitBlocking(fd) }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let source = DispatchSource.makeReadSource(fileDescriptor: watched, queue: Self.exitQueue)
            // The handler keeps the source alive until it fires; libdispatch drops it once cancelled.
            source.setEventHandler { source.cancel() }
            source.setCancelHandler {
                close(watched)
                done.resume()
            }
            source.activate()
        }
    }

    /// Where the exit sources' handlers run: two tiny non-blocking closures per run.
    private static let exitQueue = DispatchQueue(label: "callgate.scenario.exit")

    /// The fallback when no descriptor is left for a dup: wait on a worker thread, as before.
    private func waitForExitBlocking(_ fd: Int32) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                while poll(&pfd, 1, -1) < 0 && errno == EINTR {}
                done.resume()
            }
        }
    }

    deinit {
        if let fd = state.withLock({ $0.pidfd }) { close(fd) }
    }
}

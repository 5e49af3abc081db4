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
    func waitForExit() async {
        guard let fd = state.withLock({ $0.pidfd }) else { return }
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

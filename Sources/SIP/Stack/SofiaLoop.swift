import CSofiaSIP
import Logging
import SofiaShim
import Synchronization

/// The Sofia thread: creates the su_root, runs it until `stop()`, then drains and destroys it.
/// Its ``SofiaExecutor`` is what puts ``SofiaAgent`` on this thread.
final class SofiaLoop: Sendable {
    let executor = SofiaExecutor()
    private let logger: Logger
    private let state = Mutex<LoopState>(LoopState())

    private struct LoopState {
        var root: SofiaRoot?
        var started: CheckedContinuation<SofiaRoot?, Never>?
        var joiners: [CheckedContinuation<Void, Never>] = []
        var finished = false
    }

    init(logger: Logger) {
        self.logger = logger
    }

    /// Starts the thread and returns once its root exists (false if Sofia could not make one).
    func start() async -> Bool {
        let root: SofiaRoot? = await withCheckedContinuation { continuation in
            state.withLock { $0.started = continuation }
            let context = Unmanaged.passRetained(self).toOpaque()
            var thread = pthread_t()
            if pthread_create(&thread, nil, sofiaThreadMain, context) != 0 {
                Unmanaged<SofiaLoop>.fromOpaque(context).release()
                state.withLock { $0.started = nil; $0.finished = true }
                continuation.resume(returning: nil)
            } else {
                pthread_detach(thread)
            }
        }
        return root != nil
    }

    /// The root, once the thread has created it (until it is destroyed).
    var root: OpaquePointer? { state.withLock { $0.root }?.pointer }

    /// Breaks `su_root_run`; the thread then drains its queue and exits.
    /// - warning: Call on the Sofia thread only (from the agent).
    func stop() {
        precondition(executor.isIsolatingCurrentContextNow, "SIP: SofiaLoop.stop() off the Sofia thread")
        if let root = state.withLock({ $0.root }) { su_root_break(root.pointer) }
    }

    /// Returns once the thread has exited (at once if it never ran).
    func join() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if state.finished || (state.root == nil && state.started == nil) { return true }
                state.joiners.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    fileprivate func run() {
        su_init()
        ss_log_install()
        let sink = Unmanaged.passRetained(SofiaLogSink(logger: logger))
        ss_log_set_thread_sink(forwardSofiaLog, sink.toOpaque())
        defer {
            ss_log_set_thread_sink(nil, nil)
            sink.release()
        }

        guard let created = su_root_create(nil) else {
            logger.error("SIP: su_root_create failed")
            let started = state.withLock { state in
                state.finished = true
                defer { state.started = nil }
                return state.started
            }
            started?.resume(returning: nil)
            return
        }
        // nua_create would otherwise start its protocol stack (nta, tport) on a second thread of
        // its own (su_clone_start); one thread is enough and keeps Sofia's logs on this one.
        su_root_threading(created, 0)
        let root = SofiaRoot(pointer: created)
        executor.loopStarted(root: root)
        let started = state.withLock { state in
            state.root = root
            defer { state.started = nil }
            return state.started
        }
        started?.resume(returning: root)

        su_root_run(created)

        executor.loopStopped()
        su_root_destroy(created)
        su_deinit()
        let joiners = state.withLock { state in
            state.root = nil
            state.finished = true
            defer { state.joiners = [] }
            return state.joiners
        }
        joiners.forEach { $0.resume() }
    }
}

private let sofiaThreadMain: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { context in
    let loop = Unmanaged<SofiaLoop>.fromOpaque(context!).takeRetainedValue()
    loop.run()
    return nil
}

/// Carries the logger into Sofia's log hook, which knows nothing of Swift tasks.
private final class SofiaLogSink {
    let logger: Logger
    init(logger: Logger) { self.logger = logger }
}

private let forwardSofiaLog: ss_log_fn = { context, line in
    guard let context, let line else { return }
    let sink = Unmanaged<SofiaLogSink>.fromOpaque(context).takeUnretainedValue()
    // A SIP trace (TPORT_LOG) prints SDP bodies: their SRTP keys never reach the log.
    sink.logger.debug("sofia: \(SessionDescription.redactingCrypto(String(cString: line)))")
}

import CSofiaSIP
import Dispatch
import SofiaShim
import Synchronization

/// A serial executor whose jobs run on the Sofia thread, posted through the su_root's message
/// queue. An actor using it (``SofiaAgent``) may call nua directly from its methods.
///
/// Before the loop runs and after it has stopped, jobs run on a private fallback queue instead,
/// so nothing that awaits the actor can hang; the actor then finds no nua and does nothing.
///
/// - warning: Sofia's su_root, nua and handles belong to the Sofia thread; reaching them from
///   anywhere else corrupts them silently. `checkIsolated()` enforces this for the actor.
final class SofiaExecutor: SerialExecutor, @unchecked Sendable {
    private enum State {
        case idle
        case running(root: SofiaRoot, thread: pthread_t)
        case stopped
    }

    private let state = Mutex<State>(.idle)
    /// Jobs posted to the root and not yet run; drained before the root is destroyed.
    private let posted = Atomic<Int>(0)
    private let fallback = DispatchQueue(label: "callgate.sip.sofia-fallback")
    private static let fallbackKey = DispatchSpecificKey<Bool>()

    init() {
        fallback.setSpecific(key: Self.fallbackKey, value: true)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let root: SofiaRoot? = state.withLock { state in
            guard case .running(let root, _) = state else { return nil }
            posted.add(1, ordering: .sequentiallyConsistent)
            let box = Unmanaged.passRetained(JobBox(job: job, executor: self)).toOpaque()
            if ss_root_post(root.pointer, runPostedJob, box) != 0 {
                Unmanaged<JobBox>.fromOpaque(box).release()
                posted.subtract(1, ordering: .sequentiallyConsistent)
                return nil
            }
            return root
        }
        if root == nil {
            fallback.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
        }
    }

    func checkIsolated() {
        precondition(isIsolatingCurrentContextNow, "SIP: Sofia-SIP touched off its own thread")
    }

    /// True on the Sofia thread, or on the fallback queue while the loop is not running.
    var isIsolatingCurrentContextNow: Bool {
        if DispatchQueue.getSpecific(key: Self.fallbackKey) == true { return true }
        return state.withLock { state in
            switch state {
            case .running(_, let thread): pthread_equal(thread, pthread_self()) != 0
            case .idle, .stopped: false
            }
        }
    }

    /// Called on the Sofia thread once its root exists.
    func loopStarted(root: SofiaRoot) {
        state.withLock { $0 = .running(root: root, thread: pthread_self()) }
    }

    /// Called on the Sofia thread after `su_root_run` returned: runs what is still queued (jobs
    /// may queue more), then sends everything later to the fallback queue. The switch happens
    /// under the lock when nothing is queued, so the two never run jobs at the same time.
    func loopStopped() {
        guard let root: SofiaRoot = state.withLock({ state in
            if case .running(let root, _) = state { return root }
            return nil
        }) else { return }
        while true {
            let drained = state.withLock { state in
                guard posted.load(ordering: .sequentiallyConsistent) == 0 else { return false }
                state = .stopped
                return true
            }
            if drained { return }
            su_root_step(root.pointer, 10)
        }
    }

    fileprivate func jobRan() { posted.subtract(1, ordering: .sequentiallyConsistent) }
}

private final class JobBox {
    let job: UnownedJob
    let executor: SofiaExecutor
    init(job: UnownedJob, executor: SofiaExecutor) {
        self.job = job
        self.executor = executor
    }
}

private let runPostedJob: ss_fn = { context in
    let box = Unmanaged<JobBox>.fromOpaque(context!).takeRetainedValue()
    box.executor.jobRan()
    box.job.runSynchronously(on: box.executor.asUnownedSerialExecutor())
}

/// The su_root pointer, handed between threads only to be used on the Sofia thread (or, for
/// posting, through Sofia's thread-safe message queue).
struct SofiaRoot: @unchecked Sendable {
    let pointer: OpaquePointer
}

import CallgateCore
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Runs one scenario as a few long-lived processes instead of one process per event: the fast path
/// for scenarios whose start-up is slow (a Python interpreter costs ~20 ms per event).
///
/// Each worker gets one event at a time as one JSON line on stdin and answers with one line on
/// stdout: the usual reply plus `"call_id"`. Events wait in order for a free worker; a worker that
/// misses the deadline, dies, or breaks the protocol is killed with its process group and a new one
/// starts for the next event. The outcome is the same reply or typed `ScenarioFailure` a normal
/// run gives, so the call machine and its fallbacks cannot tell the difference.
public actor PersistentScenarioPool {
    public static let workerRange = 1...16

    public nonisolated let path: String
    /// The most workers running at once.
    public nonisolated let size: Int
    public nonisolated let limits: ScenarioLimits
    nonisolated let environment: [String: String]
    nonisolated let logger: Logger

    private enum Lease {
        case worker(PersistentWorker)
        /// A free slot: start a new worker in it.
        case spawn
        case closed
    }

    private var idle: [PersistentWorker] = []
    /// Workers running or starting, busy or idle.
    private var live = 0
    private var waiters: [CheckedContinuation<Lease, Never>] = []
    private var workers: [Int: PersistentWorker] = [:]
    private var started = 0
    private var closed = false

    /// - Parameters:
    ///   - path: the scenario executable, started with no arguments in its own folder.
    ///   - workers: the most processes kept (1–16); they start as events need them.
    ///   - environment: the engine's environment; only `PATH`, `HOME` and `LANG` are passed on.
    public init(path: String, workers: Int = 2, limits: ScenarioLimits = .init(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                logger: Logger = Logger(label: "callgate.scenario")) {
        precondition(Self.workerRange.contains(workers), "a persistent scenario has 1 to 16 workers")
        // A worker that closed stdin must give us EPIPE, not kill the engine.
        signal(SIGPIPE, SIG_IGN)
        self.path = path
        self.size = workers
        self.limits = limits
        self.environment = ScenarioEnvironment.persistent(engine: environment)
        var logger = logger
        logger[metadataKey: "scenario"] = "\(path)"
        self.logger = logger
    }

    /// Has a worker handle `event` and returns its validated reply or why there is none. For a
    /// notification (`expectsReply` false, `call.end`) the worker must still answer with a line
    /// carrying the call id, but its actions are ignored.
    public func run(_ event: ScenarioEvent, limits: ScenarioLimits? = nil, expectsReply: Bool = true) async -> ScenarioOutcome {
        let limits = limits ?? self.limits
        var logger = self.logger
        logger[metadataKey: "call.id"] = "\(event.call.id)"
        logger[metadataKey: "event"] = "\(event.event.rawValue)"
        if let failure = ScenarioRunner.checkExecutable(path) {
            logger.error("\(failure)")
            return ScenarioOutcome(result: .failure(failure), persistent: true)
        }
        guard let worker = await acquire(logger: logger) else {
            let failure = ScenarioFailure.spawnFailed(path: path, detail: closed ? "its workers are shut down" : "the worker did not start")
            return ScenarioOutcome(result: .failure(failure), persistent: true)
        }
        let start = ContinuousClock.now
        let line = Array(event.json.encoded()) + [UInt8(ascii: "\n")]
        let (answer, stderr) = await worker.exchange(line, callID: event.call.id, deadline: limits.deadline)
        let elapsed = ContinuousClock.now - start
        let (result, exitCode, keep) = interpret(answer, callID: event.call.id, expectsReply: expectsReply, deadline: limits.deadline)
        if case .failure(let failure) = result {
            logger.error("\(failure)", metadata: ["worker": "\(worker.number)"])
        }
        if !keep {
            worker.retire()
            logger.notice("persistent scenario worker replaced", metadata: ["worker": "\(worker.number)"])
        }
        release(worker, keep: keep)
        return ScenarioOutcome(result: result, stderr: stderr, elapsed: elapsed, exitCode: exitCode, persistent: true)
    }

    /// Closes every worker's stdin, waits up to `grace` for them to exit, then kills their process
    /// groups. Events still waiting for a worker fail; later events fail at once.
    public func shutdown(grace: Duration = .seconds(2)) async {
        closed = true
        for waiter in waiters { waiter.resume(returning: .closed) }
        waiters = []
        let all = Array(workers.values)
        idle = []
        workers = [:]
        await withTaskGroup(of: Void.self) { tasks in
            for worker in all { tasks.addTask { await worker.stop(grace: grace) } }
        }
        if !all.isEmpty { logger.info("persistent scenario stopped \(all.count) worker(s)") }
    }

    /// The process ids of the workers running now.
    public var processIDs: [Int32] { workers.values.filter(\.isUsable).compactMap(\.pid).sorted() }

    // MARK: - Workers

    /// A worker for one event: an idle one, a new one in a free slot, or the next one released.
    private func acquire(logger: Logger) async -> PersistentWorker? {
        switch await lease() {
        case .closed:
            return nil
        case .worker(let worker):
            return worker
        case .spawn:
            started += 1
            let number = started
            switch await PersistentWorker.start(path: path, number: number, environment: environment,
                                                outputLimit: limits.outputLimit, logger: self.logger) {
            case .failure(let failure):
                logger.error("\(failure)")
                live -= 1
                slotFreed()
                return nil
            case .success(let worker):
                guard !closed else {
                    await worker.stop(grace: .zero)
                    return nil
                }
                workers[number] = worker
                return worker
            }
        }
    }

    private func lease() async -> Lease {
        if closed { return .closed }
        while !idle.isEmpty {
            let worker = idle.removeFirst()
            if worker.isUsable { return .worker(worker) }
            forget(worker)
        }
        if live < size {
            live += 1
            return .spawn
        }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func release(_ worker: PersistentWorker, keep: Bool) {
        guard !closed, workers[worker.number] != nil else { return }
        guard keep, worker.isUsable else {
            forget(worker)
            slotFreed()
            return
        }
        if waiters.isEmpty {
            idle.append(worker)
        } else {
            waiters.removeFirst().resume(returning: .worker(worker))
        }
    }

    private func forget(_ worker: PersistentWorker) {
        if workers.removeValue(forKey: worker.number) != nil { live -= 1 }
    }

    /// A slot came free: the next waiting event starts a worker in it.
    private func slotFreed() {
        guard !closed, !waiters.isEmpty, live < size else { return }
        live += 1
        waiters.removeFirst().resume(returning: .spawn)
    }

    // MARK: - Answers

    /// The event's result, the worker's exit code if it died, and whether the worker may serve again.
    private func interpret(_ answer: PersistentWorker.Answer, callID: String, expectsReply: Bool,
                           deadline: Duration) -> (Result<Reply, ScenarioFailure>, Int32?, Bool) {
        switch answer {
        case .timedOut:
            return (.failure(.timeout(seconds: deadline.seconds)), nil, false)
        case .message(.overflow(let stream)):
            return (.failure(.outputTooLarge(stream: stream, limit: limits.outputLimit)), nil, false)
        case .message(.exited(let exit)):
            return (.failure(Self.failure(for: exit)), exit.code, false)
        case .message(.line(let bytes)):
            let body: JSONValue
            do {
                body = try Reply.persistentBody(of: bytes, callID: callID)
            } catch {
                return (.failure(error), nil, false)
            }
            guard expectsReply else { return (.success(Reply(actions: [])), nil, true) }
            do {
                return (.success(try Reply(body)), nil, true)
            } catch {
                // The worker is in step; only this reply is wrong, as it could be in a normal run.
                return (.failure(.invalidReply(error)), nil, true)
            }
        }
    }

    /// Why a worker that ended before answering gives no reply.
    static func failure(for exit: WorkerExit) -> ScenarioFailure {
        if let code = exit.code, code != 0 { return .exitStatus(code: code, stderrTail: exit.stderrTail) }
        if let signal = exit.signal, !exit.killedByEngine { return .killedBySignal(signal: signal) }
        if exit.killedByEngine {
            return .notJSON(detail: "the persistent scenario closed its stdout without answering; its process group was killed")
        }
        return .notJSON(detail: "the persistent scenario exited (status 0) without answering; it must answer every event and exit only when stdin closes")
    }
}

import CallgateCore
import Foundation
import Logging
import Subprocess
import Synchronization
import SystemPackage

/// One long-lived process of a persistent scenario: started directly (no shell) in its own process
/// group, it reads one event per line on stdin and answers each with one line on stdout.
///
/// Its stdin, stdout and stderr are served by tasks inside `Subprocess.run`, so the engine never
/// blocks on a pipe; the pool talks to it through `exchange`, one event at a time.
final class PersistentWorker: Sendable {
    /// How one exchange ended.
    enum Answer: Sendable, Equatable {
        case message(WorkerMessage)
        /// No answer within the deadline; the worker's group has been killed.
        case timedOut
    }

    struct State {
        var pid: Int32?
        var usable = true
        var killedByEngine = false
        /// `stop` closed its stdin: exiting now is what it should do.
        var stopping = false
        /// The process has been reaped: its pid may belong to someone else now, so no more kills.
        var reaped = false
        var spawnWaiter: CheckedContinuation<String?, Never>?
        var run: Task<Void, Never>?
        /// The call whose event is in flight, for the stderr log lines.
        var callID: String?
        var eventStderr: [String] = []
        var stderrBytes = 0
        var stderrTail: [String] = []
    }

    let number: Int
    let group = ProcessGroup()
    let mailbox = WorkerMailbox()
    let events: AsyncStream<[UInt8]>
    let outgoing: AsyncStream<[UInt8]>.Continuation
    let limit: Int
    let logger: Logger
    let state = Mutex(State())

    private init(number: Int, limit: Int, logger: Logger) {
        self.number = number
        self.limit = limit
        self.logger = logger
        (events, outgoing) = AsyncStream.makeStream(of: [UInt8].self)
    }

    /// Starts a worker; fails with `spawn_failed` when the system cannot run the file.
    static func start(path: String, number: Int, environment: [String: String], outputLimit: Int,
                      logger: Logger) async -> Result<PersistentWorker, ScenarioFailure> {
        var logger = logger
        logger[metadataKey: "worker"] = "\(number)"
        let worker = PersistentWorker(number: number, limit: outputLimit, logger: logger)
        var options = PlatformOptions()
        options.processGroupID = 0  // its own group, so killing it takes its children too
        options.teardownSequence = []
        let configuration = Configuration(
            executable: .path(FilePath(path)), arguments: [],
            environment: .custom(Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), $0.value) })),
            workingDirectory: FilePath(URL(fileURLWithPath: path).deletingLastPathComponent().path), platformOptions: options)
        let spawnError: String? = await withCheckedContinuation { continuation in
            worker.state.withLock { $0.spawnWaiter = continuation }
            let run = Task {
                do {
                    let result = try await Subprocess.run(configuration, input: .inputWriter, output: .sequence, error: .sequence) { execution in
                        worker.group.started(execution.processIdentifier)
                        worker.state.withLock { $0.pid = execution.processIdentifier.value }
                        worker.spawned(nil)
                        await worker.serve(execution)
                    }
                    switch result.terminationStatus {
                    case .exited(let code): worker.ended(code: code, signal: nil)
                    case .signaled(let signal): worker.ended(code: nil, signal: signal)
                    }
                } catch {
                    worker.spawned("\(error)")
                    worker.ended(code: nil, signal: nil)
                }
            }
            worker.state.withLock { $0.run = run }
        }
        if let spawnError { return .failure(.spawnFailed(path: path, detail: spawnError)) }
        logger.info("persistent scenario worker started", metadata: ["pid": "\(worker.pid ?? -1)", "scenario": "\(path)"])
        return .success(worker)
    }

    var pid: Int32? { state.withLock { $0.pid } }

    /// False once the worker has died or been retired: it must not get another event.
    var isUsable: Bool { state.withLock { $0.usable } }

    /// Sends one event line and waits for its answer, at most `deadline`.
    func exchange(_ line: [UInt8], callID: String, deadline: Duration) async -> (answer: Answer, stderr: [String]) {
        state.withLock { state in
            state.callID = callID
            state.eventStderr = []
            state.stderrBytes = 0
        }
        mailbox.expect()
        outgoing.yield(line)
        let answer = await withTaskGroup(of: Answer?.self) { tasks in
            tasks.addTask { await self.mailbox.next().map { .message($0) } }
            tasks.addTask {
                do { try await Task.sleep(for: deadline) } catch { return nil }
                return .timedOut
            }
            let first = await tasks.next() ?? nil
            tasks.cancelAll()
            return first ?? .timedOut
        }
        if answer == .timedOut { retire(timedOut: true) }
        let stderr = state.withLock { state in
            state.callID = nil
            defer { state.eventStderr = [] }
            return state.eventStderr
        }
        return (answer, stderr)
    }

    /// Takes the worker out of service and kills its process group.
    func retire(timedOut: Bool = false) {
        let reaped = state.withLock { state in
            state.usable = false
            if !state.reaped { state.killedByEngine = true }
            return state.reaped
        }
        if !reaped { group.kill(timedOut: timedOut) }
    }

    /// Its stdout closed: it can answer nothing more.
    func markUnusable() {
        state.withLock { $0.usable = false }
    }

    /// Closes stdin (a well-behaved worker then exits), waits up to `grace`, then kills the group.
    func stop(grace: Duration) async {
        state.withLock { state in
            state.usable = false
            state.stopping = true
        }
        outgoing.finish()
        if await waitUntilEnded(within: grace) { return }
        logger.notice("persistent scenario worker did not exit after its stdin closed; killing its process group")
        retire()
        _ = await waitUntilEnded(within: .seconds(1))
    }

    /// Whether the process has ended and its pipes are drained, waiting at most `limit`.
    func waitUntilEnded(within limit: Duration) async -> Bool {
        guard let run = state.withLock({ $0.run }) else { return true }
        let once = ResumeOnce()
        return await withCheckedContinuation { continuation in
            once.arm(continuation)
            Task { await run.value; once.resume(true) }
            Task { try? await Task.sleep(for: limit); once.resume(false) }
        }
    }

    // MARK: - The process's side

    private func spawned(_ error: String?) {
        state.withLock { state in
            defer { state.spawnWaiter = nil }
            return state.spawnWaiter
        }?.resume(returning: error)
    }

    private func ended(code: Int32?, signal: Int32?) {
        let (byEngine, stopping, tail) = state.withLock { state in
            state.usable = false
            state.reaped = true
            return (state.killedByEngine, state.stopping, state.stderrTail.joined(separator: " | "))
        }
        outgoing.finish()
        _ = mailbox.post(.exited(WorkerExit(code: code, signal: signal, killedByEngine: byEngine, stderrTail: tail)))
        if !byEngine, !stopping, code != nil || signal != nil {
            let status = code.map { "exited with status \($0)" } ?? "was killed by signal \(signal ?? 0)"
            logger.warning("persistent scenario worker \(status); a new one starts with the next event")
        }
    }
}

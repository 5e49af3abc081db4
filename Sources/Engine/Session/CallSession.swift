import CallgateCore
import Logging
import Scripting
import Synchronization

/// Drives one real call: feeds its `CallMachine` with what the edge, the timers and the scenario
/// report, and carries out the effects. Timing comes from the clock it is given, so tests run
/// whole calls in milliseconds of test time.
public actor CallSession<C: Clock> where C.Duration == Duration {
    public nonisolated let id: String
    var machine: CallMachine
    let edge: any CallEdge
    let executor: any ScenarioExecutor
    let recorder: (any CallRecorder)?
    let clock: C
    let time: InjectedTime<C>
    let logger: Logger
    var timers: [CallTimer: Task<Void, Never>] = [:]
    /// Scenario runs and notifications under way; each removes itself when done, so a finished
    /// task is never kept (nor the memory it ran in).
    var background: [UInt64: Task<Void, Never>] = [:]
    var nextBackground: UInt64 = 0
    var backgroundWaiters: [CheckedContinuation<Void, Never>] = []
    var ended: CallRecord?
    var endWaiters: [CheckedContinuation<CallRecord, Never>] = []
    var wasAnswered = false
    var inbox: [CallInput] = []
    var processing = false
    /// The call's row being written at its start: the scenario runs meanwhile, and the answer
    /// (and every later write of the call) waits for it, so an answered call always has its row.
    var rowSaved: Task<Void, Never>?
    /// Outbound legs for `transfer`; without them a transfer fails at once.
    let transferDialer: (any Dialer)?
    let transferTargets: (any TransferTargets)?
    /// The caller's display name, shown to a transfer target.
    let callerName: String?
    var transfer: TransferInProgress<C.Instant>?
    var transferSerial: UInt64 = 0
    /// A hangup was asked for from outside (the API); a second request is refused (CallSession+Control).
    var hangupRequested = false

    public init(call: CallInfo, vars: [String: JSONValue], configuration: CallConfiguration, edge: any CallEdge,
                executor: any ScenarioExecutor, recorder: (any CallRecorder)?, clock: C, logger: Logger,
                dialer: (any Dialer)? = nil, transferTargets: (any TransferTargets)? = nil, callerName: String? = nil) {
        transferDialer = dialer
        self.transferTargets = transferTargets
        self.callerName = callerName
        id = call.id
        machine = CallMachine(call: call, vars: vars, configuration: configuration)
        self.edge = edge
        self.executor = executor
        self.recorder = recorder
        self.clock = clock
        time = InjectedTime(clock: clock)
        var logger = logger
        logger[metadataKey: "call.id"] = "\(call.id)"
        self.logger = logger
        LiveSessions.count.add(1, ordering: .relaxed)
    }

    deinit {
        LiveSessions.count.subtract(1, ordering: .relaxed)
    }

    /// Starts the call: its row is written while the scenario gets `call.start`.
    public func begin() async {
        if let recorder {
            let record = machine.record
            rowSaved = Task { await recorder.callStarted(record) }
        }
        await deliver(.start)
    }

    /// Waits until the call's row is in the store (at once after the first time).
    func rowWritten() async {
        await rowSaved?.value
    }

    /// Feeds what happened to the call. Inputs are handled one at a time, in order: one that arrives
    /// while another's effects are being carried out (the edge reporting back at once) waits its turn,
    /// so the machine never sees an input in the middle of another one's effects.
    public func deliver(_ input: CallInput) async {
        inbox.append(input)
        guard !processing else { return }
        processing = true
        while !inbox.isEmpty {
            await process(inbox.removeFirst())
        }
        processing = false
    }

    func process(_ input: CallInput) async {
        let effects = machine.handle(input, at: elapsed)
        var trail: [TrailEntry] = []
        for effect in effects {
            switch effect {
            case .trail(let entry):
                trail.append(entry)
                if case .failure(let failure, let event, let role) = entry.step {
                    logger.error("\(role == .fallback ? "fallback scenario" : "scenario") failed on \(event.rawValue): \(failure)",
                                 metadata: ["code": "\(failure.code)"])
                }
                logger.debug("\(entry.kind)", metadata: ["step": "\(entry.json.encodedString)"])
            case .runScenario(let event, let role):
                inBackground { [executor] session in
                    let outcome = await executor.run(event, role: role)
                    await session.deliver(.scenarioFinished(outcome.result))
                }
            case .notifyScenario(let event, let role):
                inBackground { [executor] _ in _ = await executor.notify(event, role: role) }
            case .startTimer(let timer, let seconds):
                timers[timer] = Task { [clock] in
                    do { try await clock.sleep(for: .milliseconds(Int((seconds * 1000).rounded()))) } catch { return }
                    await self.timerFired(timer)
                }
            case .cancelTimer(let timer):
                timers.removeValue(forKey: timer)?.cancel()
            case .ended(let record):
                await rowWritten()
                if !trail.isEmpty { await recorder?.trail(id, trail) }
                trail = []
                await finish(record)
            case .transfer(let target):
                await startTransfer(target)
            case .answer, .earlyMedia:
                await rowWritten()  // a call the caller sees answered has its row, even if the engine dies now
                await edge.perform(effect)
                guard case .answer = effect else { continue }
                if !wasAnswered {
                    wasAnswered = true
                    await recorder?.callAnswered(machine.record)
                }
            default:
                await edge.perform(effect)
            }
        }
        if !trail.isEmpty {
            await rowWritten()
            await recorder?.trail(id, trail)
        }
    }

    /// Runs `work` beside the call; the task forgets itself when it ends.
    func inBackground(_ work: @escaping @Sendable (CallSession) async -> Void) {
        let id = nextBackground
        nextBackground += 1
        // The task cannot reach `backgroundEnded` before this method returns: both run on this actor.
        background[id] = Task {
            await work(self)
            await self.backgroundEnded(id)
        }
    }

    func backgroundEnded(_ id: UInt64) {
        background[id] = nil
        guard background.isEmpty else { return }
        for waiter in backgroundWaiters { waiter.resume() }
        backgroundWaiters = []
    }

    func timerFired(_ timer: CallTimer) async {
        guard timers.removeValue(forKey: timer) != nil else { return }
        await deliver(.timerFired(timer))
    }

    func finish(_ record: CallRecord) async {
        for task in timers.values { task.cancel() }
        timers = [:]
        await dropTransfer()
        await edge.close()
        await recorder?.callEnded(record)
        ended = record
        for waiter in endWaiters { waiter.resume(returning: record) }
        endWaiters = []
    }

    /// Waits until the call has ended and its record is saved; then for its `call.end` notification.
    public func waitUntilEnded() async -> CallRecord {
        let record: CallRecord
        if let ended {
            record = ended
        } else {
            record = await withCheckedContinuation { endWaiters.append($0) }
        }
        while !background.isEmpty {
            await withCheckedContinuation { backgroundWaiters.append($0) }
        }
        return record
    }

    public var isEnded: Bool { ended != nil }
    /// The call's vars now (for the queue's screen pop).
    public var vars: [String: JSONValue] { machine.vars }
    public var state: CallState { machine.info.state }

    /// Seconds since the call arrived, on the session's clock.
    var elapsed: Double { time.elapsed }
}

/// Call sessions in memory, in this process: back to 0 once every call has ended and been let
/// go. The health view shows it, and the leak tests assert it.
public enum LiveSessions {
    static let count = Atomic<Int>(0)
    public static var current: Int { count.load(ordering: .relaxed) }
}

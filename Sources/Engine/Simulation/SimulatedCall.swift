import CallgateCore

/// Runs one call through the real call machine, the real queue machine and real scenario
/// processes, with a simulated caller, network and agents' phones instead of SIP and audio, in
/// simulated time: `callgate test` and the whole-call tests. Deterministic for a given scenario.
public struct SimulatedCall: Sendable {
    public static let maxSteps = 10_000
    public static let maxSeconds = 24 * 3600.0

    public var call: CallInfo
    public var vars: [String: JSONValue]
    public var configuration: CallConfiguration
    public var caller: SimulatedCaller
    public var executor: any ScenarioExecutor
    /// A call the engine places (`direction: outbound`): how long the callee rings, and how the
    /// attempt ends when nobody answers (`busy`, `no_answer`, `rejected`, `failed`); nil: answered.
    public var calleeRings: Double = 2
    public var dialFailure: String?

    public init(call: CallInfo, vars: [String: JSONValue] = [:], configuration: CallConfiguration = .init(),
                caller: SimulatedCaller = .init(), executor: any ScenarioExecutor) {
        self.call = call
        self.vars = vars
        self.configuration = configuration
        self.caller = caller
        self.executor = executor
    }

    /// Runs the call to its end, reporting every step to `observe` as it happens; returns the record and trail.
    public func run(observe: (TranscriptStep) -> Void = { _ in }) async -> SimulationResult {
        var world = World(caller: caller, call: call)
        var machine = CallMachine(call: call, vars: vars, configuration: configuration)
        var result = SimulationResult(record: machine.record)
        var inbox: [(CallInput, Double)] = [(.start, 0)]
        if let hangup = caller.hangupAfter { world.timeline.add(.callerHungUp, at: hangup, note: "caller hangs up") }
        if call.direction == .outbound && !call.state.isAnswered {
            if let dialFailure {
                let status = ["busy": 486, "no_answer": 487, "rejected": 603].first { $0.key == dialFailure }?.value ?? 503
                world.timeline.add(.dialFailed(disposition: dialFailure, status: status, reason: "simulated \(dialFailure)"),
                                   at: calleeRings, note: "the callee: \(dialFailure)")
            } else {
                world.timeline.add(.calleeAnswered, at: calleeRings, note: "the callee answers")
            }
        }
        var steps = 0

        while !machine.isEnded {
            steps += 1
            if inbox.isEmpty {
                guard let next = world.timeline.next(), next.at <= Self.maxSeconds, steps < Self.maxSteps else {
                    observe(.world(at: world.now, text: "simulation limit reached (\(Self.maxSteps) steps or \(Int(Self.maxSeconds)) s): caller hangs up"))
                    inbox.append((.callerHungUp, world.now))
                    continue
                }
                world.now = next.at
                if let note = next.note { observe(.world(at: next.at, text: note)) }
                switch next.input {
                case .call(let input):
                    inbox.append((input, next.at))
                case .queue(let input):
                    // The queue machine's turn: what it decides reaches the call through the timeline.
                    for note in world.handleQueue(input, at: next.at) { observe(.world(at: next.at, text: note)) }
                    continue
                }
            }
            let (input, at) = inbox.removeFirst()
            for effect in machine.handle(input, at: at) {
                switch effect {
                case .trail(let entry):
                    result.trail.append(entry)
                    observe(.trail(entry))
                case .runScenario(let event, let role):
                    world.dropPendingKeys()
                    let outcome = await runScenario(event, role: role, at: at, observe: observe)
                    inbox.append((.scenarioFinished(outcome.result), at))
                case .notifyScenario(let event, let role):
                    _ = await runScenario(event, role: role, notification: true, at: at, observe: observe)
                case .ended(let record):
                    result.record = record
                    observe(.ended(record))
                default:
                    for note in world.apply(effect, at: at) { observe(.world(at: at, text: note)) }
                }
            }
            world.typeKeysIfListening(at: at)
        }
        result.vars = machine.vars
        return result
    }

    func runScenario(_ event: ScenarioEvent, role: ScenarioRole, notification: Bool = false, at: Double,
                     observe: (TranscriptStep) -> Void) async -> Scripting.ScenarioOutcome {
        let outcome = notification ? await executor.notify(event, role: role) : await executor.run(event, role: role)
        for line in outcome.stderr { observe(.stderr(at: at, line: line)) }
        let ms = Double(outcome.elapsed.components.seconds) * 1000 + Double(outcome.elapsed.components.attoseconds) / 1e15
        observe(.scenarioRan(at: at, event: event.event, role: role, milliseconds: ms, exitCode: outcome.exitCode,
                                persistent: outcome.persistent))
        return outcome
    }
}

import Scripting

/// What a simulated call left behind.
public struct SimulationResult: Sendable {
    public var record: CallRecord
    public var trail: [TrailEntry] = []
    public var vars: [String: JSONValue] = [:]

    /// The actions the scenarios asked for and that started, in order.
    public var actionsRun: [Action] {
        trail.compactMap { if case .action(let action, let index) = $0.step, index != nil { action } else { nil } }
    }

    /// The events sent to scenarios, in order.
    public var eventsSent: [EventName] {
        trail.compactMap { if case .event(let event, _) = $0.step { event.event } else { nil } }
    }

    public var failures: [ScenarioFailure] {
        trail.compactMap { if case .failure(let failure, _, _) = $0.step { failure } else { nil } }
    }
}

@testable import CallgateCore

/// The call most machine tests use.
let testCall = CallInfo(id: "call-1", from: "+15550001", to: "100")

extension CallInfo {
    /// The same call as it looks in an event sent in `state`.
    func inState(_ state: CallState) -> CallInfo {
        var call = self
        call.state = state
        return call
    }
}

extension ScenarioEvent {
    /// An event of `testCall`, as the machine sends it.
    static func of(
        _ event: EventName, _ state: CallState, vars: [String: JSONValue] = [:], result: [String: JSONValue] = [:],
        error: ScenarioFailure? = nil
    ) -> ScenarioEvent {
        ScenarioEvent(event: event, call: testCall.inState(state), vars: vars, result: result, error: error?.json)
    }
}

extension CallInput {
    /// A scenario reply that passed validation.
    static func reply(_ actions: Action...) -> CallInput { .scenarioFinished(.success(Reply(actions: actions))) }

    static func failed(_ failure: ScenarioFailure) -> CallInput { .scenarioFinished(.failure(failure)) }
}

extension CallMachine {
    /// A machine for `testCall` that has already sent `call.start`.
    static func started(_ configuration: CallConfiguration = .init(), vars: [String: JSONValue] = [:]) -> CallMachine {
        var machine = CallMachine(call: testCall, vars: vars, configuration: configuration)
        _ = machine.handle(.start, at: 0)
        return machine
    }
}

extension [CallEffect] {
    /// What the driver has to do: every effect but the trail.
    var steps: [CallEffect] {
        filter { if case .trail = $0 { false } else { true } }
    }

    /// The steps before the call ended; the `call.end` notification and the record come after them.
    var stepsBeforeEnd: [CallEffect] {
        Array(steps.prefix { if case .notifyScenario = $0 { false } else { true } })
    }

    /// The events sent to a scenario to be answered.
    var events: [ScenarioEvent] {
        compactMap { if case .runScenario(let event, _) = $0 { event } else { nil } }
    }

    /// The `call.end` notification, if the call ended.
    var endEvent: ScenarioEvent? {
        lazy.compactMap { if case .notifyScenario(let event, _) = $0 { event } else { nil } }.first
    }

    /// The final record, if the call ended.
    var record: CallRecord? {
        lazy.compactMap { if case .ended(let record) = $0 { record } else { nil } }.first
    }

    /// The trail, as the steps it records.
    var trail: [TrailEntry.Step] {
        compactMap { if case .trail(let entry) = $0 { entry.step } else { nil } }
    }
}

import CallgateCore
import Engine
import Scripting

/// An in-process scenario for whole-call tests: a function from the event to the reply's JSON text,
/// parsed exactly as a process's stdout would be.
struct ScriptedExecutor: ScenarioExecutor {
    var primary: @Sendable (ScenarioEvent) -> String
    var fallback: (@Sendable (ScenarioEvent) -> String)? = nil

    func run(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        let script = role == .fallback ? (fallback ?? primary) : primary
        let text = script(event)
        if text == "EXIT 1" { return ScenarioOutcome(result: .failure(.exitStatus(code: 1, stderrTail: "")), exitCode: 1) }
        do {
            return ScenarioOutcome(result: .success(try Reply.parse(Array(text.utf8))), exitCode: 0)
        } catch {
            return ScenarioOutcome(result: .failure(error), exitCode: 0)
        }
    }
}

func simulate(_ caller: SimulatedCaller = .init(), configuration: CallConfiguration = .init(),
              fallback: (@Sendable (ScenarioEvent) -> String)? = nil,
              _ script: @escaping @Sendable (ScenarioEvent) -> String) async -> SimulationResult {
    let call = SimulatedCall(call: CallInfo(id: "t-1", from: "+15550100", to: "100"), configuration: configuration,
                             caller: caller, executor: ScriptedExecutor(primary: script, fallback: fallback))
    return await call.run()
}

extension SimulationResult {
    /// The `result` of every event of the given name, in order.
    func results(of name: EventName) -> [[String: JSONValue]] {
        trail.compactMap { if case .event(let e, _) = $0.step, e.event == name { e.result } else { nil } }
    }
}

/// Two gathers in a row, then hang up.
let twoGathers: @Sendable (ScenarioEvent) -> String = { event in
    switch (event.event, event.vars["step"]) {
    case (.callStart, _):
        return #"{"actions":[{"action":"set","vars":{"step":1}},{"action":"gather","max_digits":1,"prompt":{"action":"say","text":"first"}}]}"#
    case (.gatherDone, .number(1)?):
        return #"{"actions":[{"action":"set","vars":{"step":2}},{"action":"gather","max_digits":2,"timeout":3}]}"#
    default:
        return #"{"actions":[{"action":"hangup","reason":"done"}]}"#
    }
}

func simulate(_ script: @escaping @Sendable (ScenarioEvent) -> String) async -> SimulationResult {
    await simulate(SimulatedCaller(), script)
}

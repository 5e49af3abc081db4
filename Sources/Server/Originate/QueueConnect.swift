import CallgateCore
import Engine
import Scripting

/// The "scenario" of an agent campaign's call: the callee answered, so put them in the queue for
/// at most the connect window; an agent takes them, or they hear the abandon message and the call
/// ends. A machine (answering-machine detection said so) is never queued for an agent. The var
/// `connect_result` says how it went: `connected` (an agent talked to them), `abandoned`,
/// `machine`, or the queue's own reason (`full`, `no_agents`).
struct QueueConnect: ScenarioExecutor {
    let queue: String
    let connectWindow: Int
    let abandonPrompt: String?

    func run(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        ScenarioOutcome(result: .success(Reply(actions: actions(for: event))), exitCode: 0)
    }

    func actions(for event: ScenarioEvent) -> [Action] {
        switch event.event {
        case .callStart:
            if case .object(let amd)? = event.result["amd"], amd["result"] == "machine" {
                return [.set(SetVars(vars: ["connect_result": "machine"])), .hangup(Hangup(reason: "machine"))]
            }
            return [.enqueue(Enqueue(queue: queue, timeout: connectWindow))]
        case .queueDone:
            let reason = event.result["reason"]?.scalarText ?? "ended"
            if reason == "timeout" || reason == "no_agents" {
                var actions: [Action] = [.set(SetVars(vars: ["connect_result": "abandoned"]))]
                if let abandonPrompt { actions.append(.play(Play(file: abandonPrompt))) }
                return actions + [.hangup(Hangup(reason: "abandoned"))]
            }
            let result = reason == "agent_hangup" ? "connected" : reason
            return [.set(SetVars(vars: ["connect_result": .string(result)])), .hangup(Hangup(reason: "connect_\(result)"))]
        default:
            return []
        }
    }
}

import CallgateCore
import Engine
import Scripting

/// The "scenario" of an agent's call to a colleague's extension: ring it and bridge (the
/// `transfer` action does both, with ringback), hang up when that is over. Agents consult each
/// other this way before an attended transfer, and no route's scenario is involved.
struct ExtensionDial: ScenarioExecutor {
    let to: String
    let ringSeconds: Int

    func run(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        let actions: [Action] = switch event.event {
        case .callStart: [.transfer(Transfer(to: to, timeout: ringSeconds))]
        case .transferDone: [.hangup(Hangup(reason: "extension_\(event.result["reason"]?.scalarText ?? "ended")"))]
        default: []
        }
        return ScenarioOutcome(result: .success(Reply(actions: actions)), exitCode: 0)
    }
}

import CallgateCore
import Engine
import Scripting

/// The "scenario" of an originated call that connects an agent and a callee: once the first party
/// answers, ring the second and bridge them (the `transfer` action, with ringback), and hang up
/// when that is over. The var `connect_result` keeps how the second leg went (`ended` after a
/// conversation, `busy`, `no_answer`, `failed`), for the call record and a campaign's outcome.
struct ConnectDial: ScenarioExecutor {
    let to: String
    let ringSeconds: Int

    func run(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        let actions: [Action] = switch event.event {
        case .callStart:
            [.transfer(Transfer(to: to, timeout: ringSeconds))]
        case .transferDone:
            {
                let reason = event.result["reason"]?.scalarText ?? "ended"
                return [.set(SetVars(vars: ["connect_result": .string(reason)])), .hangup(Hangup(reason: "connect_\(reason)"))]
            }()
        default:
            []
        }
        return ScenarioOutcome(result: .success(Reply(actions: actions)), exitCode: 0)
    }
}

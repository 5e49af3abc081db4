import CallgateCore
import Engine
import Scripting

/// The built-in "scenario" of an agent campaign's answered call (the pattern of `ExtensionDial`):
/// into the campaign's queue with the 2 s connect window; when no agent takes the call in time,
/// the abandon message and a hang-up with `campaign_abandoned`, which the campaign counts as
/// abandoned. A machine (the AMD's verdict in `call.start`) is never put through to an agent.
///
/// - Note: It runs once `OriginateConnect` can name a built-in executor; until then an agent
///   campaign's `route` does the same in a scenario (docs/outbound.md#campaigns).
struct CampaignQueueConnect: ScenarioExecutor {
    let queue: String
    /// A sound path, or text to say; nil: the engine's default sentence.
    let abandonMessage: String?
    /// The regulators' connect window: an answered call waits at most this long for an agent.
    static let connectWindow = 2
    static let defaultMessage = "Sorry, we called you but no one is free to take your call. We will try again later."

    func run(_ event: ScenarioEvent, role: ScenarioRole) async -> ScenarioOutcome {
        let actions: [Action] = switch event.event {
        case .callStart where Self.isMachine(event.result["amd"]):
            [.hangup(Hangup(reason: "campaign_machine"))]
        case .callStart:
            [.enqueue(Enqueue(queue: queue, timeout: Self.connectWindow))]
        case .queueDone where event.result["agent"] == nil:
            [abandonAction, .hangup(Hangup(reason: AttemptOutcome.abandonReason))]
        case .queueDone:
            [.hangup(Hangup(reason: "campaign_done"))]
        default: []
        }
        return ScenarioOutcome(result: .success(Reply(actions: actions)), exitCode: 0)
    }

    var abandonAction: Action {
        guard let message = abandonMessage else { return .say(Say(text: Self.defaultMessage)) }
        return message.hasSuffix(".wav") ? .play(Play(file: message)) : .say(Say(text: message))
    }

    /// `call.start`'s `amd`: `"machine"`, or an object whose `result` says so.
    static func isMachine(_ amd: JSONValue?) -> Bool {
        switch amd {
        case .string(let verdict)?: verdict == MachineVerdict.machine.rawValue
        case .object(let fields)?: fields["result"] == .string(MachineVerdict.machine.rawValue)
        default: false
        }
    }
}

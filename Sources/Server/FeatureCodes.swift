import CallgateCore
import HTTPAPI

/// Codes an agent dials from the softphone to change state: the engine answers, says what it
/// did, and hangs up. Only digest-authenticated agents can use them.
enum FeatureCode: String, CaseIterable {
    case login = "*91"
    case logout = "*92"
    case pause = "*93"
    case unpause = "*94"

    var input: (String) -> ACDInput {
        switch self {
        case .login: { .agentLogin($0, queues: nil) }
        case .logout: { .agentLogout($0) }
        case .pause: { .agentPause($0, reason: "phone") }
        case .unpause: { .agentUnpause($0) }
        }
    }

    func confirmation(for agent: String) -> String {
        switch self {
        case .login: "Agent \(agent) logged in."
        case .logout: "Agent \(agent) logged out."
        case .pause: "Agent \(agent) paused."
        case .unpause: "Agent \(agent) is available again."
        }
    }
}

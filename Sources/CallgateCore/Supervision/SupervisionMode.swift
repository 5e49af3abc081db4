/// How a supervisor takes part in an operator's call, as Asterisk's ChanSpy and FreeSWITCH's
/// eavesdrop do it.
public enum SupervisionMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The supervisor hears caller and agent; neither hears the supervisor.
    case listen
    /// The supervisor hears both; only the agent hears the supervisor (coaching).
    case whisper
    /// All three hear each other.
    case barge

    /// The key that switches to this mode during a session (ChanSpy's 4, 5, 6).
    public var key: Character {
        switch self {
        case .listen: "4"
        case .whisper: "5"
        case .barge: "6"
        }
    }

    /// The mode a key pressed by the supervisor switches to; nil for other keys.
    public init?(key: Character) {
        guard let mode = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = mode
    }

    /// The feature code a supervisor dials, followed by the agent's extension: `*95` listen,
    /// `*96` whisper, `*97` barge.
    public var featureCode: String {
        switch self {
        case .listen: "*95"
        case .whisper: "*96"
        case .barge: "*97"
        }
    }

    /// `*951001` → (listen, "1001"); nil unless it is a supervision code followed by 2 to 10 digits.
    public static func parse(dialed: String) -> (mode: SupervisionMode, agent: String)? {
        for mode in allCases where dialed.hasPrefix(mode.featureCode) {
            let agent = dialed.dropFirst(mode.featureCode.count)
            guard (2...10).contains(agent.count), agent.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return (mode, String(agent))
        }
        return nil
    }
}

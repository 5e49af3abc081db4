/// How the simulated world behaves in `callgate test`: what the caller types and when they hang up,
/// how transfer targets and queue agents respond, how long things take.
public struct SimulatedCaller: Sendable, Hashable {
    /// How a transfer target or a queue's agent responds.
    public enum Agent: String, Sendable, Hashable, CaseIterable {
        case answer, busy, noAnswer = "no-answer"
    }

    /// One group of keys per gather, in order; an empty group times out.
    public var dtmf: [String]
    public var agent: Agent
    /// Overrides how an enqueue ends (`agent_hangup`, `timeout`, `full`, `no_agents`, `key`).
    public var queueResult: String?
    /// How long a bridged call lasts before the agent hangs up.
    public var talkSeconds: Double
    /// How long the caller speaks during a record before going silent.
    public var recordSeconds: Double
    /// When the caller hangs up, in simulated seconds; nil for never.
    public var hangupAfter: Double?
    /// The sounds folder, to time `play` by the real file length.
    public var soundsDirectory: String?

    public static let queueReasons = ["agent_hangup", "timeout", "full", "no_agents", "key"]

    public init(dtmf: [String] = [], agent: Agent = .answer, queueResult: String? = nil, talkSeconds: Double = 30,
                recordSeconds: Double = 5, hangupAfter: Double? = nil, soundsDirectory: String? = nil) {
        self.dtmf = dtmf
        self.agent = agent
        self.queueResult = queueResult
        self.talkSeconds = talkSeconds
        self.recordSeconds = recordSeconds
        self.hangupAfter = hangupAfter
        self.soundsDirectory = soundsDirectory
    }

    /// Splits `--dtmf` values into per-gather groups: "1,5" → ["1", "5"]; repeated flags concatenate.
    public static func groups(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}

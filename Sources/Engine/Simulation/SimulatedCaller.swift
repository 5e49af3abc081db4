import CallgateCore

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
    /// Sets the queue up so that the real queue machine ends an enqueue this way (`agent_hangup`,
    /// `timeout`, `full`, `no_agents`, `key`); nil leaves it to `agent`.
    public var queueResult: String?
    /// How long a queue agent's phone rings before the agent answers (with `agent` `answer`).
    public var agentAnswersAfter: Double
    /// Without configured agents: how many simulated agents serve each queue (extensions 1001, 1002, …).
    public var agentCount: Int
    /// The configured queues; nil: every queue an enqueue names exists, with the default settings.
    public var queues: [QueueSettings]?
    /// The configured agents; nil: `agentCount` simulated agents in every queue.
    public var agentProfiles: [AgentProfile]?
    /// How long a bridged call lasts before the agent hangs up.
    public var talkSeconds: Double
    /// How long the caller speaks during a record before going silent.
    public var recordSeconds: Double
    /// When the caller hangs up, in simulated seconds; nil for never.
    public var hangupAfter: Double?
    /// The sounds folder, to time `play` by the real file length.
    public var soundsDirectory: String?
    /// Who answers, as machine detection hears it (`World+MachineDetection.swift`).
    public var answeredBy: MachineVerdict = .human

    public static let queueReasons = ["agent_hangup", "timeout", "full", "no_agents", "key"]

    public init(dtmf: [String] = [], agent: Agent = .answer, queueResult: String? = nil, agentAnswersAfter: Double = 5,
                agentCount: Int = 1, queues: [QueueSettings]? = nil, agentProfiles: [AgentProfile]? = nil,
                talkSeconds: Double = 30, recordSeconds: Double = 5, hangupAfter: Double? = nil, soundsDirectory: String? = nil) {
        self.dtmf = dtmf
        self.agent = agent
        self.queueResult = queueResult
        self.agentAnswersAfter = agentAnswersAfter
        self.agentCount = agentCount
        self.queues = queues
        self.agentProfiles = agentProfiles
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

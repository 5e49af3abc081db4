/// The queues and agents at one moment, for the HTTP API and the supervisors' view.
public struct ACDSnapshot: Sendable, Hashable, Codable {
    /// The moment, on the machine's clock.
    public var time: Double
    /// By queue name.
    public var queues: [Queue]
    /// By extension.
    public var agents: [Agent]

    /// One queue: who waits, in order, and how the queue is doing.
    public struct Queue: Sendable, Hashable, Codable {
        public var name: String
        public var strategy: QueueStrategy
        /// Callers not yet talking to an agent, first in line first.
        public var waiting: [Caller]
        /// Callers talking to an agent of this queue.
        public var talking: Int
        /// Agents logged in to the queue, by extension.
        public var agents: [String]
        /// Of those, the ones who could be offered a call right now.
        public var availableAgents: Int
        public var figures: QueueFigures

        enum CodingKeys: String, CodingKey {
            case name, strategy, waiting, talking, agents, availableAgents = "available_agents", figures
        }
    }

    /// One waiting caller.
    public struct Caller: Sendable, Hashable, Codable {
        public var callID: String
        public var priority: Int
        public var waitedSeconds: Double
        /// 1 for the next caller to be served.
        public var position: Int
        /// The agents whose phones ring with this caller now.
        public var ringing: [String]
        public var callerNumber: String

        enum CodingKeys: String, CodingKey {
            case callID = "call_id", priority, waitedSeconds = "waited_seconds", position, ringing, callerNumber = "caller_number"
        }
    }

    /// One agent.
    public struct Agent: Sendable, Hashable, Codable {
        public var `extension`: String
        public var name: String
        public var status: AgentStatus
        public var registered: Bool
        /// The queues the agent is logged in to.
        public var queues: [String]
        public var callsTaken: Int
        public var talkSeconds: Double
        /// When the agent last became available; nil while logged out.
        public var idleSince: Double?
        /// Offers left unanswered in a row.
        public var missedOffers: Int
        /// A pause that starts when the current conversation ends.
        public var pendingPause: String?

        enum CodingKeys: String, CodingKey {
            case `extension`, name, status, registered, queues, callsTaken = "calls_taken", talkSeconds = "talk_seconds"
            case idleSince = "idle_since", missedOffers = "missed_offers", pendingPause = "pending_pause"
        }
    }
}

/// As JSON: `{"name": "ringing", "call_id": "…"}`, `{"name": "paused", "reason": "lunch"}`, …
extension AgentStatus: Codable {
    enum CodingKeys: String, CodingKey { case name, callID = "call_id", until, reason }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        switch self {
        case .ringing(let callID), .onCall(let callID): try container.encode(callID, forKey: .callID)
        case .wrapUp(let until): try container.encode(until, forKey: .until)
        case .paused(let reason): try container.encode(reason, forKey: .reason)
        case .loggedOut, .available: break
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .name) {
        case "logged_out": self = .loggedOut
        case "available": self = .available
        case "ringing": self = .ringing(callID: try container.decode(String.self, forKey: .callID))
        case "on_call": self = .onCall(callID: try container.decode(String.self, forKey: .callID))
        case "wrap_up": self = .wrapUp(until: try container.decode(Double.self, forKey: .until))
        case "paused": self = .paused(reason: try container.decode(String.self, forKey: .reason))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .name, in: container, debugDescription: "unknown agent status \(other)")
        }
    }
}

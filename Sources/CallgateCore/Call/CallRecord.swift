/// The summary of one call, kept whatever happened: times in seconds from the call's start,
/// how it ended, and every scenario failure.
public struct CallRecord: Sendable, Hashable, Encodable {
    public var id: String
    public var from: String
    public var to: String
    public var direction: Direction
    public var answeredAt: Double?
    public var endedAt: Double?
    /// `completed`, `rejected`, `caller_hangup`, `failed`, `rtp_timeout`, `shutdown`, `api_hangup`; for a
    /// call the engine placed also `callee_hangup`, and `busy`, `no_answer`, `rejected`, `failed` unanswered.
    public var disposition: String?
    /// `caller`, `scenario`, `engine`, `api`, or `callee` (a call the engine placed).
    public var hangupBy: String?
    public var hangupReason: String?
    public var eventsSent: Int = 0
    public var errors: [RecordedFailure] = []
    public var vars: [String: JSONValue] = [:]
    /// Files written by `record`, relative to the data folder.
    public var recordings: [String] = []
    /// Answering-machine detection's verdict on an outbound call that ran it (`human`,
    /// `machine`, `not_sure`); nil when it did not run.
    public var amd: MachineVerdict?

    public init(call: CallInfo) {
        id = call.id
        from = call.from
        to = call.to
        direction = call.direction
    }

    enum CodingKeys: String, CodingKey {
        case id, from, to, direction, answeredAt = "answered_at", endedAt = "ended_at", disposition
        case hangupBy = "hangup_by", hangupReason = "hangup_reason", eventsSent = "events_sent", errors, vars, recordings, amd
    }
}

/// A scenario failure as kept in the call record.
public struct RecordedFailure: Sendable, Hashable, Encodable {
    public var at: Double
    public var event: EventName
    public var role: ScenarioRole
    public var code: String
    public var message: String
}

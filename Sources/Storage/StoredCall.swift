import CallgateCore
import Foundation

/// One row of the call log: the call record with absolute times and what the engine knew
/// about its routing, saved at start, answer and end so that nothing is lost if the engine dies.
public struct StoredCall: Sendable, Hashable, Codable {
    /// The engine's call id (also the scenario's `call.id`).
    public var id: String
    /// The SIP `Call-ID` header, to match the row with a packet capture or a carrier's log.
    public var sipCallID: String
    public var from: String
    public var to: String
    public var direction: Direction
    public var startedAt: Date
    public var answeredAt: Date?
    public var endedAt: Date?
    /// Seconds from start to end (ringing included); nil while the call is up.
    public var durationSeconds: Double?
    /// `completed`, `rejected`, `caller_hangup`, `failed`, …, or `engine_restart` for a row the engine
    /// closed at start-up because it had died with the call up; nil while the call is up.
    public var disposition: String?
    /// `caller`, `scenario` or `engine`.
    public var hangupBy: String?
    public var hangupReason: String?
    /// The route's `match` pattern that took the call.
    public var route: String?
    /// The scenario the route ran, as configured.
    public var scenario: String?
    public var errors: [StoredFailure]
    public var vars: [String: JSONValue]
    public var recordingPath: String?
    /// The caller's rating, set by a queue's survey; `saveCall` never clears it.
    public var rating: Int?
    /// Answering-machine detection's verdict, when the call ran it.
    public var amd: MachineVerdict?

    public init(
        id: String, sipCallID: String, from: String, to: String, direction: Direction, startedAt: Date,
        answeredAt: Date? = nil, endedAt: Date? = nil, durationSeconds: Double? = nil, disposition: String? = nil,
        hangupBy: String? = nil, hangupReason: String? = nil, route: String? = nil, scenario: String? = nil,
        errors: [StoredFailure] = [], vars: [String: JSONValue] = [:], recordingPath: String? = nil, rating: Int? = nil
    ) {
        self.id = id
        self.sipCallID = sipCallID
        self.from = from
        self.to = to
        self.direction = direction
        self.startedAt = startedAt
        self.answeredAt = answeredAt
        self.endedAt = endedAt
        self.durationSeconds = durationSeconds
        self.disposition = disposition
        self.hangupBy = hangupBy
        self.hangupReason = hangupReason
        self.route = route
        self.scenario = scenario
        self.errors = errors
        self.vars = vars
        self.recordingPath = recordingPath
        self.rating = rating
    }

    enum CodingKeys: String, CodingKey {
        case id, sipCallID = "sip_call_id", from, to, direction, startedAt = "started_at", answeredAt = "answered_at"
        case endedAt = "ended_at", durationSeconds = "duration_seconds", disposition, hangupBy = "hangup_by"
        case hangupReason = "hangup_reason", route, scenario, errors, vars, recordingPath = "recording_path", rating, amd
    }
}

extension StoredCall {
    /// The row for a call record, whose times count seconds from `startedAt`.
    public init(record: CallRecord, startedAt: Date, sipCallID: String, route: String?, scenario: String?) {
        let endedAt = record.endedAt.map { startedAt.addingTimeInterval($0) }
        self.init(
            id: record.id, sipCallID: sipCallID, from: record.from, to: record.to, direction: record.direction,
            startedAt: startedAt, answeredAt: record.answeredAt.map { startedAt.addingTimeInterval($0) },
            endedAt: endedAt, durationSeconds: record.endedAt, disposition: record.disposition,
            hangupBy: record.hangupBy, hangupReason: record.hangupReason, route: route, scenario: scenario,
            errors: record.errors.map(StoredFailure.init), vars: record.vars
        )
        amd = record.amd
    }
}

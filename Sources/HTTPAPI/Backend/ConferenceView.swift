/// One conference room as supervisors see it: `GET /api/conferences`.
public struct ConferenceView: Sendable, Hashable, Codable {
    /// The room's name, as the scenario's `conference` action gave it.
    public var name: String
    /// The callers in the room, in the order they joined.
    public var participants: [ConferenceParticipant]

    public init(name: String, participants: [ConferenceParticipant]) {
        self.name = name
        self.participants = participants
    }
}

/// A caller in a conference room.
public struct ConferenceParticipant: Sendable, Hashable, Codable {
    public var callID: String
    public var callerNumber: String
    /// Whether the room hears the caller (false) or not (true).
    public var muted: Bool
    public var moderator: Bool
    /// When the caller joined, in seconds since 1970 (UTC).
    public var joinedAt: Double

    public init(callID: String, callerNumber: String, muted: Bool, moderator: Bool, joinedAt: Double) {
        self.callID = callID
        self.callerNumber = callerNumber
        self.muted = muted
        self.moderator = moderator
        self.joinedAt = joinedAt
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", callerNumber = "caller_number", muted, moderator, joinedAt = "joined_at"
    }
}

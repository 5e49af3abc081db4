/// A stored campaign: what it is and where it is.
public struct CampaignRecord: Sendable, Hashable {
    public var definition: CampaignDefinition
    public var state: CampaignState
    /// Seconds since 1970.
    public var createdAt: Double
    public var updatedAt: Double

    public init(definition: CampaignDefinition, state: CampaignState, createdAt: Double, updatedAt: Double) {
        self.definition = definition
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var name: String { definition.name }
}

/// One contact of a campaign.
public struct CampaignContact: Sendable, Hashable {
    public var id: Int64
    public var campaign: String
    /// Normalised (`CampaignNumber`).
    public var number: String
    /// The contact's IANA zone; nil: the window's.
    public var timeZone: String?
    /// Every CSV column but `number` and `timezone`, handed to the scenario as the call's vars.
    public var vars: [String: JSONValue]
    public var state: ContactState
    public var attempts: Int
    public var lastOutcome: AttemptOutcome?
    /// When the next attempt may be placed (seconds since 1970).
    public var nextAttemptAt: Double
    /// The agent a preview reserved the contact for.
    public var reservedBy: String?

    public init(id: Int64, campaign: String, number: String, timeZone: String?, vars: [String: JSONValue],
                state: ContactState, attempts: Int, lastOutcome: AttemptOutcome?, nextAttemptAt: Double, reservedBy: String?) {
        self.id = id
        self.campaign = campaign
        self.number = number
        self.timeZone = timeZone
        self.vars = vars
        self.state = state
        self.attempts = attempts
        self.lastOutcome = lastOutcome
        self.nextAttemptAt = nextAttemptAt
        self.reservedBy = reservedBy
    }
}

/// One attempt to call a contact. Written as `dialing` before the call is placed, so an engine
/// that dies in between leaves a trace the next start-up closes as `interrupted`.
public struct CampaignAttempt: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        /// Written, the call not yet placed (or its placing not yet noted).
        case dialing
        /// The call is placed (`callID` known).
        case inProgress = "in_progress"
        case ended
    }

    public var id: Int64
    public var campaign: String
    public var contactID: Int64
    public var number: String
    /// 1 for the contact's first attempt.
    public var attempt: Int
    public var callID: String?
    public var state: State
    public var startedAt: Double
    public var answeredAt: Double?
    public var endedAt: Double?
    public var outcome: AttemptOutcome?
    /// The call record's disposition (`completed`, `no_answer`, …), or why the call was not placed.
    public var disposition: String?
    public var amd: MachineVerdict?

    public init(id: Int64, campaign: String, contactID: Int64, number: String, attempt: Int, callID: String?, state: State,
                startedAt: Double, answeredAt: Double? = nil, endedAt: Double? = nil, outcome: AttemptOutcome? = nil,
                disposition: String? = nil, amd: MachineVerdict? = nil) {
        self.id = id
        self.campaign = campaign
        self.contactID = contactID
        self.number = number
        self.attempt = attempt
        self.callID = callID
        self.state = state
        self.startedAt = startedAt
        self.answeredAt = answeredAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.disposition = disposition
        self.amd = amd
    }
}

/// How an attempt ended, as the driver reports it to the store.
public struct AttemptResult: Sendable, Hashable {
    public var outcome: AttemptOutcome
    public var disposition: String?
    public var amd: MachineVerdict?
    public var answeredAt: Double?
    public var endedAt: Double

    public init(outcome: AttemptOutcome, disposition: String?, amd: MachineVerdict? = nil, answeredAt: Double? = nil, endedAt: Double) {
        self.outcome = outcome
        self.disposition = disposition
        self.amd = amd
        self.answeredAt = answeredAt
        self.endedAt = endedAt
    }
}

/// What `beginAttempt` found when it came to write the attempt.
public enum AttemptStart: Sendable, Hashable {
    /// The attempt row is written: place the call.
    case began(CampaignAttempt, CampaignContact)
    /// The number is on the do-not-call list: the contact is closed as `dnc`.
    case doNotCall
    /// The contact is no longer waiting (another attempt, a preview, a stop).
    case unavailable
}

/// A campaign's progress: its contacts by state, its attempts by outcome, and the calls up now.
/// The API's figures, the `campaign.progress` event and `callgate campaign status` show it.
public struct CampaignFigures: Sendable, Hashable, Codable {
    public var contacts: Int = 0
    /// Contacts by `ContactState` raw value.
    public var contactStates: [String: Int] = [:]
    public var attempts: Int = 0
    /// Attempts that ended, by `AttemptOutcome` raw value.
    public var outcomes: [String: Int] = [:]
    /// Attempts under way (dialing or in a call).
    public var inProgress: Int = 0

    public init() {}

    /// Contacts nothing more will be done with.
    public var done: Int {
        contactStates.filter { ContactState(rawValue: $0.key)?.isFinal == true }.values.reduce(0, +)
    }

    /// Abandoned calls over answered ones (answered includes abandoned); 0 before any answer.
    public var abandonRate: Double {
        let abandoned = outcomes[AttemptOutcome.abandoned.rawValue] ?? 0
        let answered = (outcomes[AttemptOutcome.answered.rawValue] ?? 0) + abandoned
        return answered == 0 ? 0 : Double(abandoned) / Double(answered)
    }

    enum CodingKeys: String, CodingKey {
        case contacts, contactStates = "contact_states", attempts, outcomes, inProgress = "in_progress"
    }

    public var json: JSONValue {
        ["contacts": .number(Double(contacts)), "done": .number(Double(done)), "attempts": .number(Double(attempts)),
         "in_progress": .number(Double(inProgress)), "abandon_rate": .number(abandonRate),
         "contact_states": .object(contactStates.mapValues { .number(Double($0)) }),
         "outcomes": .object(outcomes.mapValues { .number(Double($0)) })]
    }
}

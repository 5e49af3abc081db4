import CallgateCore

/// What the HTTP API needs from the engine for outbound campaigns (`/api/campaigns`, docs/api.md):
/// the campaigns with their live figures, creating and commanding them, importing contacts,
/// exporting results, the do-not-call list, and preview dialing. The engine implements it over
/// its store and campaign driver.
public protocol CampaignBackend: Sendable {
    func campaigns() async throws(CampaignError) -> [CampaignView]
    func campaign(_ name: String) async throws(CampaignError) -> CampaignView
    func createCampaign(_ definition: CampaignDefinition) async throws(CampaignError) -> CampaignView
    /// Adds the contacts of a CSV text; a file that cannot be read at all is `invalid(field: "body")`.
    func importContacts(campaign: String, csv: String) async throws(CampaignError) -> ContactImportView
    func command(_ command: CampaignState.Command, campaign: String) async throws(CampaignError) -> CampaignView
    /// The CSV: one row per attempt, or per contact.
    func export(campaign: String, contacts: Bool) async throws(CampaignError) -> String
    func doNotCall() async throws(CampaignError) -> [String]
    /// Returns how many numbers changed.
    func changeDoNotCall(add: [String], remove: [String]) async throws(CampaignError) -> Int
    /// Preview campaigns: the contact reserved to the agent (the next due one, reserved now).
    func previewNext(campaign: String, agent: String) async throws(CampaignError) -> PreviewContactView
    /// Preview campaigns: rings the agent, then the contact reserved to them; the call's id.
    func previewDial(campaign: String, agent: String) async throws(CampaignError) -> String
}

/// One campaign as the API shows it: its definition, state and live figures.
public struct CampaignView: Sendable, Hashable, Encodable {
    public var name: String
    public var state: CampaignState
    public var definition: CampaignDefinition
    public var figures: JSONValue
    /// Calls of the campaign up in this engine now.
    public var liveCalls: Int
    public var createdAt: Double
    public var updatedAt: Double

    public init(record: CampaignRecord, figures: CampaignFigures, liveCalls: Int) {
        name = record.name
        state = record.state
        definition = record.definition
        self.figures = figures.json
        self.liveCalls = liveCalls
        createdAt = record.createdAt
        updatedAt = record.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case name, state, definition, figures, liveCalls = "live_calls", createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// What a CSV import did.
public struct ContactImportView: Sendable, Hashable, Encodable {
    public struct Skipped: Sendable, Hashable, Encodable {
        public var line: Int
        /// `bad`, `duplicate` or `do_not_call`.
        public var reason: String
        public var message: String
        public init(line: Int, reason: String, message: String) {
            self.line = line
            self.reason = reason
            self.message = message
        }
    }

    public var imported: Int
    public var skipped: [Skipped]

    public init(imported: Int, skipped: [Skipped]) {
        self.imported = imported
        self.skipped = skipped
    }
}

/// The contact a preview hands an agent.
public struct PreviewContactView: Sendable, Hashable, Encodable {
    public var campaign: String
    public var contactID: Int64
    public var number: String
    public var timeZone: String?
    public var vars: [String: JSONValue]
    /// Attempts made so far.
    public var attempts: Int

    public init(_ contact: CampaignContact) {
        campaign = contact.campaign
        contactID = contact.id
        number = contact.number
        timeZone = contact.timeZone
        vars = contact.vars
        attempts = contact.attempts
    }

    enum CodingKeys: String, CodingKey {
        case campaign, contactID = "contact_id", number, timeZone = "timezone", vars, attempts
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(campaign, forKey: .campaign)
        try c.encode(contactID, forKey: .contactID)
        try c.encode(number, forKey: .number)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(vars, forKey: .vars)
        try c.encode(attempts, forKey: .attempts)
    }
}

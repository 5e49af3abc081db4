import CallgateCore

/// What the campaign driver keeps in storage: campaigns, their contacts and attempts, the
/// do-not-call list. `serve` gives it the SQLite `CallStore`, which the CLI writes too: the driver
/// re-reads the campaigns' states each round, so `callgate campaign pause` takes effect in a
/// running engine.
public protocol CampaignStore: Sendable {
    func campaigns() async throws -> [CampaignRecord]
    func dueCandidates(campaign: String, at time: Double, limit: Int) async throws -> [CampaignSchedule.Candidate]
    func doNotCall(among numbers: [String]) async throws -> Set<String>
    func closeContacts(_ ids: [Int64], as state: ContactState) async throws
    /// Writes the attempt before its call is placed; see `CallStore.beginAttempt`.
    func beginAttempt(contact id: Int64, at time: Double, reservedFor agent: String?) async throws -> AttemptStart
    func attemptPlaced(_ attempt: Int64, callID: String) async throws
    func finishAttempt(_ attempt: Int64, _ result: AttemptResult) async throws
    func campaignFigures(_ name: String) async throws -> CampaignFigures
    func finishCampaignIfDone(_ name: String, at time: Double) async throws -> Bool
    func reserveContact(_ id: Int64, for agent: String) async throws -> Bool
    func reservedContact(campaign: String, agent: String) async throws -> CampaignContact?
    func contact(id: Int64) async throws -> CampaignContact?
}

/// What an agent campaign needs to know of its queue: how many agents could take a call now, and
/// which calls its agents are ringing for or talking to (so a campaign call that reached an agent
/// no longer counts as waiting for one). `serve` answers from the queue driver's snapshot.
public protocol CampaignAgents: Sendable {
    func availability(queue: String) async -> QueueAvailability
}

public struct QueueAvailability: Sendable, Hashable {
    public var freeAgents: Int
    /// Call ids an agent of the queue is being offered or talking to.
    public var servedCalls: Set<String>

    public init(freeAgents: Int, servedCalls: Set<String> = []) {
        self.freeAgents = freeAgents
        self.servedCalls = servedCalls
    }
}

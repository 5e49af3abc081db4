import CallgateCore
import Logging

/// Runs the running campaigns: each round it re-reads the campaigns from storage (so the CLI's
/// pause, resume and stop, written straight to SQLite, take effect), asks the pure
/// ``CampaignSchedule`` which contacts are due and the campaign's ``Pacer`` how many calls to
/// place, writes each attempt before placing its call through the ``Originator``, and records the
/// outcome from the call's record when it ends. Progress goes to the event stream.
///
/// Time comes from one injected clock; a round runs every `interval` in ``run()``, and tests call
/// ``tick()`` themselves after moving a manual clock.
///
/// - warning: Nothing here survives the actor: what must survive a restart is in the store
///   before the call is placed (``CampaignStore/beginAttempt(contact:at:reservedFor:)``), and
///   start-up closes what a dead engine left open (`CallStore.closeInterruptedAttempts`).
public actor CampaignDriver<C: Clock> where C.Duration == Duration {
    let store: any CampaignStore
    let originator: any Originator
    let agents: any CampaignAgents
    let events: any EngineEventSink
    let clock: C
    let time: InjectedTime<C>
    let interval: Duration
    let logger: Logger
    /// Each campaign's state as the driver last saw it, for `campaign.state` events.
    var seen: [String: CampaignState] = [:]
    var primed = false
    var published: [String: CampaignFigures] = [:]
    var pacers: [String: any Pacer] = [:]
    /// Attempts whose call is placed (or being placed) and not yet ended, by attempt id.
    var live: [Int64: LiveAttempt] = [:]

    struct LiveAttempt {
        let campaign: String
        let startedAt: Double
        var callID: String?
        /// An agent of the campaign's queue was offered the call or is talking to it.
        var connectedAt: Double?
    }

    public init(store: any CampaignStore, originator: any Originator, agents: any CampaignAgents, events: any EngineEventSink,
                clock: C, wallTime: Double, interval: Duration = .seconds(1), logger: Logger) {
        self.store = store
        self.originator = originator
        self.agents = agents
        self.events = events
        self.clock = clock
        time = InjectedTime(clock: clock, wallTime: wallTime)
        self.interval = interval
        self.logger = logger
    }

    /// Seconds since 1970 on the injected clock.
    public var now: Double { time.now }

    /// Calls of the campaign up now.
    public func liveCalls(campaign: String) -> Int { live.values.filter { $0.campaign == campaign }.count }

    /// A round every `interval` until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            await tick()
            do { try await clock.sleep(for: interval) } catch { return }
        }
    }

    /// One round: every campaign's state, and calls for the running ones.
    public func tick() async {
        let records: [CampaignRecord]
        do { records = try await store.campaigns() } catch {
            logger.error("campaigns: cannot read the campaigns: \(error)")
            return
        }
        for record in records {
            noteState(record.name, record.state)
            guard record.state == .running else { continue }
            do { try await drive(record) } catch {
                logger.error("campaign \(record.name): \(error)")
            }
            await publishProgress(record.name)
        }
        primed = true
    }

    func noteState(_ name: String, _ state: CampaignState) {
        let previous = seen[name]
        guard previous != state else { return }
        seen[name] = state
        if primed || previous != nil {
            events.publish(.campaignState(time: now, campaign: name, state: state, previous: previous))
        }
    }

    func drive(_ record: CampaignRecord) async throws {
        let definition = record.definition
        let name = record.name
        var slots = definition.maxConcurrent - liveCalls(campaign: name)
        if definition.kind == .agent, let queue = definition.queue {
            let availability = await agents.availability(queue: queue)
            noteConnections(name, servedCalls: availability.servedCalls)
            let waiting = live.values.filter { $0.campaign == name && $0.connectedAt == nil }.count
            let pacer = pacers[name] ?? CampaignPacing.pacer(for: definition)
            pacers[name] = pacer
            let paced = definition.mode == .preview
                ? 0 : pacer.callsToPlace(freeAgents: availability.freeAgents, callsInProgress: waiting, at: time.elapsed)
            slots = min(slots, paced)
        }
        if slots > 0 {
            let candidates = try await store.dueCandidates(campaign: name, at: now, limit: max(slots * 4, 100))
            let blockedNumbers = try await store.doNotCall(among: candidates.map(\.number))
            let decision = CampaignSchedule.decide(candidates, definition: definition, doNotCall: blockedNumbers, at: now, limit: slots)
            try await store.closeContacts(decision.blocked.map(\.id), as: .dnc)
            for candidate in decision.due {
                guard case .began(let attempt, let contact) = try await store.beginAttempt(contact: candidate.id, at: now, reservedFor: nil)
                else { continue }
                await place(attempt, contact, definition, connect: CampaignConnect.connect(for: definition))
            }
        }
        if liveCalls(campaign: name) == 0, try await store.finishCampaignIfDone(name, at: now) {
            noteState(name, .finished)
            pacers[name] = nil
        }
    }

    /// Calls of the campaign that reached an agent since the last round.
    func noteConnections(_ name: String, servedCalls: Set<String>) {
        for (id, attempt) in live where attempt.campaign == name && attempt.connectedAt == nil {
            guard let callID = attempt.callID, servedCalls.contains(callID) else { continue }
            live[id]?.connectedAt = now
            pacers[name]?.record(.answered, at: time.elapsed)
            pacers[name]?.record(.connected(wait: 0), at: time.elapsed)
        }
    }

    func publishProgress(_ name: String) async {
        guard let figures = try? await store.campaignFigures(name), published[name] != figures else { return }
        published[name] = figures
        events.publish(.campaignProgress(time: now, campaign: name, state: seen[name] ?? .running, figures: figures))
    }
}

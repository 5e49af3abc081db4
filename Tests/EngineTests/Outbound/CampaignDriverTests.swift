import CallgateCore
import Engine
import Logging
import Storage
import Testing

/// The real campaign driver, schedule and SQLite store, with a fake originator and a manual clock:
/// limits, retries per outcome, the do-not-call list mid-run, pause and resume written to storage,
/// progressive pacing on free agents, and a restart.
@Suite struct CampaignDriverTests {
    /// Monday 7 December 2026, 10:00 UTC.
    static let monday10 = 1_796_637_600.0

    struct Rig {
        let clock = ManualClock()
        let store: CallStore
        let originator = FakeOriginator()
        let queue = FakeQueue()
        let driver: CampaignDriver<ManualClock>

        init(store: CallStore? = nil) throws {
            self.store = try store ?? CallStore.inMemory()
            driver = CampaignDriver(store: self.store, originator: originator, agents: queue, events: queue, clock: clock,
                                    wallTime: CampaignDriverTests.monday10, logger: Logger(label: "test"))
        }

        func create(_ definition: CampaignDefinition, numbers: [String], start: Bool = true) async throws {
            try await store.createCampaign(definition, at: CampaignDriverTests.monday10)
            let csv = "number,name\n" + numbers.enumerated().map { "\($1),Contact \($0 + 1)" }.joined(separator: "\n")
            _ = try await store.importContacts(campaign: definition.name, csv: csv, at: CampaignDriverTests.monday10)
            if start { try await store.commandCampaign(definition.name, .start, at: CampaignDriverTests.monday10) }
        }

        func advance(_ seconds: Int) async {
            clock.advance(by: .seconds(seconds))
            await driver.tick()
        }
    }

    static func notification(maxConcurrent: Int = 2, maxAttempts: Int = 2) -> CampaignDefinition {
        var d = CampaignDefinition(name: "outage", kind: .notification, route: "7000")
        d.maxConcurrent = maxConcurrent
        d.maxAttempts = maxAttempts
        d.callerID = "+4930100"
        d.retryDelays = RetryDelays(busy: 300, noAnswer: 600, machine: 900, failed: 120)
        return d
    }

    @Test func callsAreLimitedAndRetriedPerOutcomeUntilTheCampaignFinishes() async throws {
        let rig = try Rig()
        try await rig.create(Self.notification(), numbers: ["+4930001", "+4930002", "+4930003"])
        await rig.driver.tick()
        #expect(rig.originator.numbers == ["+4930001", "+4930002"], "two at once")
        let first = try #require(rig.originator.placed.first)
        #expect(first.request.connect == .route("7000") && first.request.callerID == "+4930100")
        #expect(first.request.vars["name"] == "Contact 1" && first.request.vars["campaign"] == "outage")
        #expect(first.request.vars["campaign_attempt"] == 1)
        await rig.driver.tick()
        #expect(rig.originator.placed.count == 2, "no third call while two are up")

        await rig.originator.end("call-1", "busy")
        await rig.originator.end("call-2", "completed", answered: true, amd: .human)
        await rig.driver.tick()
        #expect(rig.originator.numbers == ["+4930001", "+4930002", "+4930003"], "the busy one waits its delay")
        await rig.originator.end("call-3", "completed", answered: true, amd: .machine)

        await rig.advance(299)
        #expect(rig.originator.placed.count == 3)
        await rig.advance(1)
        #expect(rig.originator.numbers.last == "+4930001")
        #expect(rig.originator.placed.last?.request.vars["campaign_attempt"] == 2)
        await rig.originator.end("call-4", "no_answer")
        await rig.advance(900)
        // +4930001 used both attempts; +4930003 reached a machine and is retried after 900 s.
        #expect(rig.originator.numbers.suffix(1) == ["+4930003"])
        await rig.originator.end("call-5", "completed", answered: true)
        await rig.driver.tick()
        #expect(try await rig.store.campaign(named: "outage")?.state == .finished)
        #expect(rig.queue.states.last == "finished")
        let contacts = try await rig.store.contacts(campaign: "outage")
        #expect(contacts.map(\.state) == [.failed, .completed, .completed])
        let figures = try await rig.store.campaignFigures("outage")
        #expect(figures.outcomes == ["busy": 1, "answered": 2, "machine": 1, "no_answer": 1] && figures.attempts == 5)
        let progress = rig.queue.events.filter { $0.type == "campaign.progress" }
        #expect(progress.last?.data?.object?["done"] == 3)
    }

    @Test func aNumberAddedToTheDoNotCallListMidRunIsNeverCalled() async throws {
        let rig = try Rig()
        try await rig.create(Self.notification(maxConcurrent: 1), numbers: ["+4930001", "+4930002", "+4930003"])
        await rig.driver.tick()
        try await rig.store.addDoNotCall(["+49 30 002"], at: Self.monday10)
        await rig.originator.end("call-1", "completed", answered: true)
        await rig.driver.tick()
        #expect(rig.originator.numbers == ["+4930001", "+4930003"])
        #expect(try await rig.store.contacts(campaign: "outage").map(\.state) == [.completed, .dnc, .dialing])
    }

    @Test func pauseAndResumeWrittenToStorageTakeEffectAtTheNextRound() async throws {
        let rig = try Rig()
        try await rig.create(Self.notification(maxConcurrent: 1), numbers: ["+4930001", "+4930002"])
        await rig.driver.tick()
        try await rig.store.commandCampaign("outage", .pause, at: Self.monday10)
        await rig.originator.end("call-1", "completed", answered: true)
        await rig.advance(5)
        #expect(rig.originator.placed.count == 1, "paused: no new call")
        #expect(rig.queue.states == ["paused"])
        try await rig.store.commandCampaign("outage", .resume, at: Self.monday10)
        await rig.advance(1)
        #expect(rig.originator.numbers == ["+4930001", "+4930002"])
        #expect(rig.queue.states == ["paused", "running"])
    }

    @Test func aRefusedCallIsAnAttemptRetriedAfterTheFailedDelay() async throws {
        let rig = try Rig()
        try await rig.create(Self.notification(), numbers: ["+4930001"])
        rig.originator.refuse("+4930001")
        await rig.driver.tick()
        let attempts = try await rig.store.attempts(campaign: "outage")
        #expect(attempts.map(\.outcome) == [.refused] && attempts.first?.disposition == "refused_not_allowed")
        #expect(await rig.driver.liveCalls(campaign: "outage") == 0)
        await rig.advance(120)
        #expect(try await rig.store.attempts(campaign: "outage").count == 2)
        #expect(try await rig.store.contacts(campaign: "outage").first?.state == .failed)
    }

    @Test func progressiveCampaignsPlaceOneCallPerFreeAgent() async throws {
        let rig = try Rig()
        var d = CampaignDefinition(name: "sales", kind: .agent, queue: "sales", mode: .progressive)
        d.maxConcurrent = 10
        d.abandonMessage = "sorry.wav"
        try await rig.create(d, numbers: ["+4930001", "+4930002", "+4930003", "+4930004"])
        await rig.driver.tick()
        #expect(rig.originator.placed.isEmpty, "no free agent")
        rig.queue.set(free: 2)
        await rig.driver.tick()
        #expect(rig.originator.placed.count == 2)
        #expect(rig.originator.placed.first?.request.connect == .queue("sales", connectWindow: 2, abandonPrompt: "sorry.wav"))
        await rig.driver.tick()
        #expect(rig.originator.placed.count == 2, "both calls still wait for an agent")
        // call-1 reached an agent; one agent is free again, but call-2 still waits for one.
        rig.queue.set(free: 1, served: ["call-1"])
        await rig.driver.tick()
        #expect(rig.originator.placed.count == 2)
        await rig.originator.end("call-2", "no_answer")
        await rig.driver.tick()
        #expect(rig.originator.placed.count == 3)
        await rig.originator.end("call-3", "completed", answered: true, connectResult: "abandoned")
        #expect(try await rig.store.campaignFigures("sales").outcomes["abandoned"] == 1)
    }

    @Test func previewReservesAContactForTheAgentAndRingsTheAgentFirst() async throws {
        let rig = try Rig()
        let d = CampaignDefinition(name: "loans", kind: .agent, queue: "loans", mode: .preview)
        try await rig.create(d, numbers: ["+4930001", "+4930002"])
        rig.queue.set(free: 5)
        await rig.driver.tick()
        #expect(rig.originator.placed.isEmpty, "preview never dials on its own")
        let first = try await rig.driver.previewNext(campaign: "loans", agent: "1001")
        #expect(try await rig.driver.previewNext(campaign: "loans", agent: "1001") == first, "the same until dialed")
        let second = try await rig.driver.previewNext(campaign: "loans", agent: "1002")
        #expect(first.number == "+4930001" && second.number == "+4930002")
        await #expect(throws: CampaignError.self) { try await rig.driver.previewNext(campaign: "loans", agent: "1003") }
        let callID = try await rig.driver.previewDial(campaign: "loans", agent: "1001")
        #expect(rig.originator.placed.first?.id == callID)
        #expect(rig.originator.placed.first?.request.connect == .agent("1001", agentFirst: true))
        await #expect(throws: CampaignError.self) { try await rig.driver.previewDial(campaign: "loans", agent: "1001") }
    }

    @Test func afterARestartTheInterruptedAttemptCountsAndTheContactIsCalledOnceMore() async throws {
        let store = try CallStore.inMemory()
        let before = try Rig(store: store)
        try await before.create(Self.notification(maxAttempts: 3), numbers: ["+4930001"])
        await before.driver.tick()
        #expect(before.originator.placed.count == 1)
        // The engine dies with the call up: its end is never recorded. The next start-up:
        #expect(try await store.closeInterruptedAttempts(at: Self.monday10 + 10) == 1)
        let after = try Rig(store: store)
        await after.driver.tick()
        #expect(after.originator.placed.isEmpty, "the failed delay runs from the restart")
        await after.advance(130)
        #expect(after.originator.placed.first?.request.vars["campaign_attempt"] == 2)
        let attempts = try await store.attempts(campaign: "outage")
        #expect(attempts.map(\.attempt) == [1, 2] && attempts.map(\.outcome) == [.interrupted, nil])
    }
}

import CallgateCore
import Testing

/// Which contacts are due, and what an attempt's outcome does to its contact, in simulated time.
@Suite struct CampaignScheduleTests {
    static let monday10 = CallingWindowTests.utc(2026, 12, 7, 10, 0)

    var definition: CampaignDefinition {
        var d = CampaignDefinition(name: "outage", kind: .notification, route: "7000")
        d.window = CallingWindow(start: 9 * 60, end: 18 * 60, timeZone: "Europe/London")
        d.maxAttempts = 3
        d.retryDelays = RetryDelays(busy: 300, noAnswer: 1200, machine: 3600, failed: 60)
        return d
    }

    func contact(_ id: Int64, _ number: String, zone: String? = nil, attempts: Int = 0, next: Double = 0,
                 state: ContactState = .pending) -> CampaignSchedule.Candidate {
        CampaignSchedule.Candidate(id: id, number: number, timeZone: zone, state: state, attempts: attempts, nextAttemptAt: next)
    }

    @Test func dueContactsAreEarliestFirstWithinTheLimit() {
        let contacts = [contact(3, "+443"), contact(1, "+441", next: Self.monday10 - 10), contact(2, "+442")]
        let decision = CampaignSchedule.decide(contacts, definition: definition, doNotCall: [], at: Self.monday10, limit: 2)
        #expect(decision.due.map(\.id) == [2, 3])
    }

    @Test func retryDelayWindowAttemptsAndDoNotCallKeepContactsBack() {
        let contacts = [
            contact(1, "+441", next: Self.monday10 + 1),  // its retry delay has not passed
            contact(2, "+442", attempts: 3),  // out of attempts
            contact(3, "+13125550100", zone: "America/Chicago"),  // 04:00 in Chicago
            contact(4, "+444"),  // on the list
            contact(5, "+445", state: .dialing),
            contact(6, "+446"),
        ]
        let decision = CampaignSchedule.decide(contacts, definition: definition, doNotCall: ["+444"], at: Self.monday10, limit: 10)
        #expect(decision.due.map(\.id) == [6])
        #expect(decision.blocked.map(\.id) == [4])
        let later = CampaignSchedule.decide(contacts, definition: definition, doNotCall: [], at: Self.monday10 + 7 * 3600, limit: 10)
        #expect(later.due.map(\.id) == [3, 4, 6, 1], "17:00 in London, 11:00 in Chicago")
    }

    @Test func eachOutcomeWaitsItsOwnDelay() {
        let end = Self.monday10
        let d = definition
        #expect(AttemptConsequence.after(.busy, attempts: 1, endedAt: end, definition: d) == .init(contactState: .pending, nextAttemptAt: end + 300))
        #expect(AttemptConsequence.after(.noAnswer, attempts: 1, endedAt: end, definition: d).nextAttemptAt == end + 1200)
        #expect(AttemptConsequence.after(.machine, attempts: 2, endedAt: end, definition: d).nextAttemptAt == end + 3600)
        #expect(AttemptConsequence.after(.interrupted, attempts: 1, endedAt: end, definition: d).nextAttemptAt == end + 60)
        #expect(AttemptConsequence.after(.busy, attempts: 3, endedAt: end, definition: d) == .init(contactState: .failed, nextAttemptAt: nil))
        #expect(AttemptConsequence.after(.answered, attempts: 1, endedAt: end, definition: d) == .init(contactState: .completed, nextAttemptAt: nil))
    }

    @Test func callRecordsMapToOutcomes() {
        #expect(AttemptOutcome.of(disposition: "busy", machine: nil, answered: false) == .busy)
        #expect(AttemptOutcome.of(disposition: "no_answer", machine: nil, answered: false) == .noAnswer)
        #expect(AttemptOutcome.of(disposition: "rejected", machine: nil, answered: false) == .rejected)
        #expect(AttemptOutcome.of(disposition: "failed", machine: nil, answered: false) == .failed)
        #expect(AttemptOutcome.of(disposition: "completed", machine: .human, answered: true) == .answered)
        #expect(AttemptOutcome.of(disposition: "completed", machine: .machine, answered: true) == .machine)
        #expect(AttemptOutcome.of(disposition: "completed", machine: nil, answered: true, connectResult: "abandoned") == .abandoned)
        #expect(AttemptOutcome.of(disposition: "completed", machine: nil, answered: true, connectResult: "machine") == .machine)
        #expect(AttemptOutcome.of(disposition: "callee_hangup", machine: nil, answered: true, connectResult: "connected") == .answered)
    }

    @Test func commandsMoveOnlyWhereTheyMakeSense() {
        #expect(CampaignState.draft.applying(.start) == .running)
        #expect(CampaignState.running.applying(.pause) == .paused)
        #expect(CampaignState.paused.applying(.resume) == .running)
        #expect(CampaignState.paused.applying(.stop) == .stopped)
        #expect(CampaignState.running.applying(.resume) == nil)
        #expect(CampaignState.stopped.applying(.start) == nil)
        #expect(CampaignState.finished.applying(.pause) == nil)
    }

    @Test func badDefinitionsNameTheirField() {
        var d = definition
        d.name = "a b"
        #expect(throws: CampaignError.invalid(field: "name", "must be 1 to 64 letters, digits, '-', '_' or '.'")) { try d.validate() }
        d = definition
        d.window.timeZone = "Mars/Olympus"
        #expect(fieldOf { try d.validate() } == "window.time_zone")
        d = CampaignDefinition(name: "sales", kind: .agent, queue: "sales")
        #expect(fieldOf { try d.validate() } == "mode")
        d.mode = .progressive
        d.route = "7100"
        #expect(fieldOf { try d.validate() } == "route", "agent campaigns connect to their queue")
        d.route = nil
        d.maxAttempts = 0
        #expect(fieldOf { try d.validate() } == "max_attempts")
        d.maxAttempts = 2
        d.retryDelays.busy = -1
        #expect(fieldOf { try d.validate() } == "retry_delays.busy")
        #expect(CampaignNumber.normalize(" +49 (30) 123-456 ") == "+4930123456")
        #expect(CampaignNumber.normalize("12+3") == nil)
        #expect(CampaignNumber.normalize("sip:1@x") == nil)
    }

    func fieldOf(_ body: () throws -> Void) -> String? {
        do { try body() } catch { if case .invalid(let field, _)? = error as? CampaignError { return field } }
        return nil
    }
}

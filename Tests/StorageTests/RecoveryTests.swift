import Foundation
import Testing

@testable import CallgateCore
import Storage

/// Rows an engine left open when it died are closed at the next start: at the call's last trail
/// entry (trail times count from the call's start), or its answer or start time, as `engine_restart`.
@Suite struct RecoveryTests {
    static let steps: [TrailEntry] = [
        TrailEntry(at: 0, step: .event(ScenarioEvent(event: .callStart, call: CallInfo(id: "t", from: "1001", to: "100")), role: .primary)),
        TrailEntry(at: 0.4, step: .action(.answer(Answer()), index: 0)),
        TrailEntry(at: 7.25, step: .dtmf("1")),
    ]

    @Test func openRowsEndAtTheirLastTrailEntryOrAnswerOrStart() async throws {
        let store = try CallStore.inMemory()
        // Answered, with a trail that goes on after the answer: ends at the last entry.
        var trailed = Samples.call("trailed")
        trailed.answeredAt = Samples.start + 0.4
        try await store.saveCall(trailed)
        try await store.appendTrail(callID: "trailed", entries: Array(Self.steps.prefix(2)))
        try await store.appendTrail(callID: "trailed", entries: [Self.steps[2]])
        // Answered, no trail stored: ends at the answer.
        var answered = Samples.call("answered", startedAt: Samples.start + 10)
        answered.answeredAt = Samples.start + 11.5
        try await store.saveCall(answered)
        // Saved at start only: ends when it started.
        try await store.saveCall(Samples.call("ringing", startedAt: Samples.start + 20))
        // Answered after its last stored trail entry: never ends before the answer.
        var lateAnswer = Samples.call("late-answer", startedAt: Samples.start + 30)
        lateAnswer.answeredAt = Samples.start + 33
        try await store.saveCall(lateAnswer)
        try await store.appendTrail(callID: "late-answer", entries: [Self.steps[0]])

        #expect(try await store.closeCallsLeftOpen(disposition: "engine_restart") == 4)

        let expected: [(id: String, endedAt: Date, duration: Double)] = [
            ("trailed", Samples.start + 7.25, 7.25),
            ("answered", Samples.start + 11.5, 1.5),
            ("ringing", Samples.start + 20, 0),
            ("late-answer", Samples.start + 33, 3),
        ]
        for row in expected {
            let call = try #require(try await store.call(id: row.id))
            #expect(abs(try #require(call.endedAt).timeIntervalSince(row.endedAt)) < 1e-6, "\(row.id)")
            #expect(abs(try #require(call.durationSeconds) - row.duration) < 1e-6, "\(row.id)")
            #expect(call.disposition == "engine_restart", "\(row.id)")
            #expect(call.hangupBy == "engine", "\(row.id)")
            #expect(call.hangupReason == CallStore.leftOpenReason, "\(row.id)")
        }
        // Answer times and trails are what the engine saved; the trail is not appended to.
        #expect(try await store.call(id: "answered")?.answeredAt == Samples.start + 11.5)
        #expect(try await store.trail(callID: "trailed").count == 3)
        // A second start finds nothing left open.
        #expect(try await store.closeCallsLeftOpen(disposition: "engine_restart") == 0)
    }

    @Test func rowsAlreadyEndedAreUntouched() async throws {
        let store = try CallStore.inMemory()
        let ended = StoredCall(
            id: "ended", sipCallID: "e@host", from: "1001", to: "100", direction: .inbound, startedAt: Samples.start,
            answeredAt: Samples.start + 1, endedAt: Samples.start + 4, durationSeconds: 4, disposition: "completed",
            hangupBy: "caller", hangupReason: "bye", route: "*", scenario: "ivr.sh", rating: 5)
        try await store.saveCall(ended)
        try await store.appendTrail(callID: "ended", entries: Self.steps)  // a trail past the end changes nothing
        try await store.saveCall(Samples.call("open", startedAt: Samples.start + 5))

        #expect(try await store.closeCallsLeftOpen(disposition: "engine_restart") == 1)
        #expect(try await store.call(id: "ended") == ended)
        #expect(try await store.call(id: "open")?.disposition == "engine_restart")
    }

    @Test func nothingOpenClosesNothing() async throws {
        let store = try CallStore.inMemory()
        #expect(try await store.closeCallsLeftOpen(disposition: "engine_restart") == 0)
        #expect(try await store.recentCalls(limit: 10).isEmpty)
    }

    /// The file as a killed engine leaves it: rows saved at start and answer, never ended. The next
    /// store on the same file closes them.
    @Test func aStoreOpenedOnAFileLeftByADeadEngineClosesItsOpenRows() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            let dead = try CallStore(path: folder.databasePath)
            var call = Samples.call("up")
            call.answeredAt = Samples.start + 0.4
            try await dead.saveCall(call)
            try await dead.appendTrail(callID: "up", entries: Self.steps)
        }
        let restarted = try CallStore(path: folder.databasePath)
        #expect(try await restarted.closeCallsLeftOpen(disposition: "engine_restart") == 1)
        let call = try #require(try await restarted.call(id: "up"))
        #expect(call.disposition == "engine_restart")
        #expect(abs(try #require(call.endedAt).timeIntervalSince(Samples.start + 7.25)) < 1e-6)
    }
}

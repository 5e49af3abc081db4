import Foundation
import Testing

@testable import CallgateCore
@testable import Storage

/// Calls are upserted by id, so the row saved at start is the one completed at the end.
@Suite struct CallStoreTests {
    @Test func callSavedAtStartThenEndKeepsOneRowWithBothTimes() async throws {
        let store = try CallStore.inMemory()
        var record = CallRecord(call: CallInfo(id: "c1", from: "1001", to: "100"))
        try await store.saveCall(StoredCall(record: record, startedAt: Samples.start, sipCallID: "abc@host", route: "*", scenario: "demo-ivr.sh"))

        record.answeredAt = 0.5
        try await store.saveCall(StoredCall(record: record, startedAt: Samples.start, sipCallID: "abc@host", route: "*", scenario: "demo-ivr.sh"))

        record.endedAt = 12.75
        record.disposition = "completed"
        record.hangupBy = "caller"
        record.hangupReason = "bye"
        record.vars = ["lang": "en", "tries": 2, "cart": ["a", "b"]]
        record.errors = [RecordedFailure(at: 3, event: .gatherDone, role: .primary, code: "timeout", message: "no reply within 3 s")]
        try await store.saveCall(StoredCall(record: record, startedAt: Samples.start, sipCallID: "abc@host", route: "*", scenario: "demo-ivr.sh"))

        let calls = try await store.recentCalls(limit: 10)
        #expect(calls.count == 1)
        let call = try #require(calls.first)
        #expect(call.startedAt == Samples.start)
        #expect(call.answeredAt == Samples.start + 0.5)
        #expect(call.endedAt == Samples.start + 12.75)
        #expect(call.durationSeconds == 12.75)
        #expect(call.disposition == "completed")
        #expect(call.hangupBy == "caller")
        #expect(call.hangupReason == "bye")
        #expect(call.sipCallID == "abc@host")
        #expect(call.route == "*")
        #expect(call.scenario == "demo-ivr.sh")
        #expect(call.vars == ["lang": "en", "tries": 2, "cart": ["a", "b"]])
        #expect(call.errors == [StoredFailure(at: 3, event: .gatherDone, role: .primary, code: "timeout", message: "no reply within 3 s")])
        #expect(try await store.call(id: "c1") == call)
    }

    @Test func everyFieldRoundTrips() async throws {
        let store = try CallStore.inMemory()
        let call = StoredCall(
            id: "full", sipCallID: "x@y", from: "+15550100", to: "1002", direction: .outbound, startedAt: Samples.start,
            answeredAt: Samples.start + 1, endedAt: Samples.start + 2, durationSeconds: 2, disposition: "failed",
            hangupBy: "engine", hangupReason: "rtp_timeout", route: "/^\\+1555/", scenario: "out.py",
            errors: [StoredFailure(at: 1.5, event: .callStart, role: .fallback, code: "not_json", message: "bad \"reply\"")],
            vars: ["nested": ["deep": [1, 2.5, true, nil as JSONValue? ?? .null]]], recordingPath: "/var/rec/full.wav", rating: 4)
        try await store.saveCall(call)
        #expect(try await store.call(id: "full") == call)
        #expect(try await store.call(id: "missing") == nil)
    }

    @Test func laterSaveDoesNotClearRatingOrRecording() async throws {
        let store = try CallStore.inMemory()
        var call = Samples.call("rated")
        try await store.saveCall(call)
        try await store.setRating(callID: "rated", rating: 5)
        call.recordingPath = "/rec/rated.wav"
        try await store.saveCall(call)
        call.recordingPath = nil
        call.disposition = "completed"
        try await store.saveCall(call)
        let stored = try #require(try await store.call(id: "rated"))
        #expect(stored.rating == 5)
        #expect(stored.recordingPath == "/rec/rated.wav")
        #expect(stored.disposition == "completed")
    }

    @Test func recentCallsAreNewestFirstAndLimited() async throws {
        let store = try CallStore.inMemory()
        for i in 0..<5 {
            try await store.saveCall(Samples.call("c\(i)", startedAt: Samples.start + Double(i)))
        }
        #expect(try await store.recentCalls(limit: 3).map(\.id) == ["c4", "c3", "c2"])
        #expect(try await store.recentCalls(limit: 0).isEmpty)
    }

    @Test func thousandCallsFromConcurrentTasksAllLand() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallStore(path: folder.databasePath)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<20 {
                group.addTask {
                    for i in 0..<50 {
                        let id = "t\(task)-\(i)"
                        var call = Samples.call(id, startedAt: Samples.start + Double(task * 50 + i))
                        try await store.saveCall(call)
                        call.endedAt = call.startedAt + 1
                        try await store.saveCall(call)
                    }
                }
            }
            try await group.waitForAll()
        }
        let calls = try await store.recentCalls(limit: 5000)
        #expect(calls.count == 1000)
        #expect(Set(calls.map(\.id)).count == 1000)
        #expect(calls.allSatisfy { $0.endedAt != nil })
    }
}

import Foundation
import Testing

@testable import CallgateCore
import Storage

/// The trail keeps every step in order, with its JSON detail intact.
@Suite struct TrailTests {
    let entries: [TrailEntry] = [
        TrailEntry(at: 0, step: .event(ScenarioEvent(event: .callStart, call: CallInfo(id: "c1", from: "1001", to: "100")), role: .primary)),
        TrailEntry(at: 0.012, step: .reply([.say(Say(text: "Press 1 for sales"))], role: .primary)),
        TrailEntry(at: 0.02, step: .action(.say(Say(text: "Press 1 for sales")), index: 0)),
        TrailEntry(at: 2.5, step: .dtmf("1")),
        TrailEntry(at: 5.5, step: .failure(.timeout(seconds: 3), event: .gatherDone, role: .primary)),
        TrailEntry(at: 5.5, step: .fallback("error prompt, then hang up")),
    ]

    @Test func trailKeepsOrderKindsAndJSON() async throws {
        let store = try CallStore.inMemory()
        try await store.appendTrail(callID: "c1", entries: Array(entries.prefix(2)))
        try await store.appendTrail(callID: "c1", entries: [])
        try await store.appendTrail(callID: "c1", entries: Array(entries.dropFirst(2)))
        let stored = try await store.trail(callID: "c1")
        #expect(stored.map(\.seq) == [1, 2, 3, 4, 5, 6])
        #expect(stored.map(\.kind) == ["event", "reply", "action", "dtmf", "error", "fallback"])
        #expect(stored.map(\.at) == entries.map(\.at))
        #expect(stored.map(\.detail) == entries.map(\.json))
    }

    @Test func trailsOfDifferentCallsAreSeparate() async throws {
        let store = try CallStore.inMemory()
        try await store.appendTrail(callID: "a", entries: [entries[3]])
        try await store.appendTrail(callID: "b", entries: [entries[0], entries[3]])
        try await store.appendTrail(callID: "a", entries: [entries[5]])
        #expect(try await store.trail(callID: "a").map(\.seq) == [1, 2])
        #expect(try await store.trail(callID: "a").map(\.kind) == ["dtmf", "fallback"])
        #expect(try await store.trail(callID: "b").map(\.kind) == ["event", "dtmf"])
        #expect(try await store.trail(callID: "none").isEmpty)
    }

    @Test func concurrentAppendsToOneCallGetDistinctSeqs() async throws {
        let store = try CallStore.inMemory()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<50 {
                group.addTask { try await store.appendTrail(callID: "busy", entries: [TrailEntry(at: Double(i), step: .dtmf("5"))]) }
            }
            try await group.waitForAll()
        }
        let trail = try await store.trail(callID: "busy")
        #expect(trail.map(\.seq) == Array(1...50))
        #expect(Set(trail.map(\.at)).count == 50)
    }
}

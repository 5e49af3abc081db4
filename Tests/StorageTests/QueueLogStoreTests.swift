import CallgateCore
import Foundation
import GRDB
import Testing

@testable import Storage

/// The queue log comes back exactly as appended, by time and then in append order, for `from ..< to`.
@Suite struct QueueLogStoreTests {
    let t0 = 1_795_000_000.0

    @Test func everyFieldRoundTrips() async throws {
        let store = try CallStore.inMemory()
        let full = QueueLogEntry(
            time: t0 + 0.25, queue: "sales", callID: "c1", agent: "1001", event: .completeCaller, waitSeconds: 12.5,
            talkSeconds: 97.75, reason: "bye")
        let bare = QueueLogEntry(time: t0 + 1, event: .logout)
        try await store.appendQueueLog([full, bare])
        #expect(try await store.queueLog(from: t0, to: t0 + 2) == [full, bare])
    }

    @Test func everyEventNameRoundTrips() async throws {
        let store = try CallStore.inMemory()
        let entries = QueueLogEvent.allCases.enumerated().map { i, event in
            QueueLogEntry(time: t0 + Double(i), queue: "q", agent: "a", event: event)
        }
        try await store.appendQueueLog(entries)
        #expect(try await store.queueLog(from: t0, to: t0 + 100) == entries)
    }

    @Test func rangeIncludesFromAndExcludesTo() async throws {
        let store = try CallStore.inMemory()
        let times = [9.999, 10, 15, 19.999, 20].map { t0 + $0 }
        try await store.appendQueueLog(times.map { QueueLogEntry(time: $0, event: .enter) })
        let found = try await store.queueLog(from: t0 + 10, to: t0 + 20).map(\.time)
        #expect(found == Array(times[1...3]))
        #expect(try await store.queueLog(from: t0 + 20, to: t0 + 20).isEmpty)
        #expect(try await store.queueLog(from: t0 + 30, to: t0 + 10).isEmpty)
    }

    @Test func linesComeByTimeThenInAppendOrder() async throws {
        let store = try CallStore.inMemory()
        try await store.appendQueueLog([
            QueueLogEntry(time: t0 + 5, callID: "late", event: .enter),
            QueueLogEntry(time: t0 + 1, callID: "first", event: .enter),
            QueueLogEntry(time: t0 + 1, callID: "second", event: .offer),
        ])
        try await store.appendQueueLog([
            QueueLogEntry(time: t0 + 1, callID: "third", event: .connect),
            QueueLogEntry(time: t0 + 3, callID: "middle", event: .abandon),
        ])
        let ids = try await store.queueLog(from: t0, to: t0 + 10).map(\.callID)
        #expect(ids == ["first", "second", "third", "middle", "late"])
    }

    @Test func eventsFilterKeepsOnlyThoseKinds() async throws {
        let store = try CallStore.inMemory()
        try await store.appendQueueLog([
            QueueLogEntry(time: t0, agent: "a", event: .login),
            QueueLogEntry(time: t0 + 1, queue: "q", callID: "c", event: .enter),
            QueueLogEntry(time: t0 + 2, agent: "a", event: .pause, reason: "lunch"),
            QueueLogEntry(time: t0 + 3, agent: "a", event: .logout),
        ])
        let state = try await store.queueLog(from: t0, to: t0 + 10, events: [.login, .logout, .pause, .unpause])
        #expect(state.map(\.event) == [.login, .pause, .logout])
        #expect(try await store.queueLog(from: t0, to: t0 + 10, events: []).isEmpty)
    }

    @Test func appendingNothingWritesNothing() async throws {
        let store = try CallStore.inMemory()
        try await store.appendQueueLog([])
        #expect(try await store.queueLog(from: 0, to: .greatestFiniteMagnitude).isEmpty)
    }

    @Test func unknownEventIsATypedError() async throws {
        let store = try CallStore.inMemory()
        try await store.writer.write { db in
            try db.execute(sql: "INSERT INTO queue_log (time, event) VALUES (?, 'teleport')", arguments: [t0])
        }
        await #expect(throws: StorageError.unknownValue(table: "queue_log", key: "1", column: "event", value: "teleport")) {
            try await store.queueLog(from: t0, to: t0 + 1)
        }
    }

    @Test func queueLogSurvivesReopeningTheFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let entry = QueueLogEntry(time: t0, queue: "support", callID: "k", event: .enter)
        do {
            let store = try CallStore(path: folder.databasePath)
            try await store.appendQueueLog([entry])
        }
        let reopened = try CallStore(path: folder.databasePath)
        #expect(try await reopened.queueLog(from: t0, to: t0 + 1) == [entry])
    }
}

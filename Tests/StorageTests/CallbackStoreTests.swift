import CallgateCore
import Storage
import Testing

/// Waiting callbacks round-trip through SQLite, in order of arrival; a dial updates the attempts.
@Suite struct CallbackStoreTests {
    static func callback(_ id: String, joinedAt: Double, priority: Int = 0) -> StoredCallback {
        StoredCallback(callID: id, queue: "support", priority: priority, skills: ["en": 2], number: "+15550100", callerNumber: "+15550100",
                       callerName: "Ann", vars: ["account": "42"], joinedAt: joinedAt, requestedAt: joinedAt + 30, attempts: 0)
    }

    @Test func callbacksAreKeptInOrderUpdatedAndRemoved() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallStore(path: folder.databasePath)
        try await store.saveCallback(Self.callback("late", joinedAt: 200, priority: 5))
        try await store.saveCallback(Self.callback("early", joinedAt: 100))
        var early = Self.callback("early", joinedAt: 100)
        early.attempts = 2
        try await store.saveCallback(early)
        // A restart: a new store on the same file.
        let reopened = try CallStore(path: folder.databasePath)
        #expect(try await reopened.callbacks() == [early, Self.callback("late", joinedAt: 200, priority: 5)])
        try await reopened.deleteCallback(callID: "early")
        #expect(try await reopened.callbacks().map(\.callID) == ["late"])
    }
}

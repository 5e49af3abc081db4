import Foundation
import GRDB
import Testing

@testable import Storage

/// The schema comes up the same on a file and in memory, and a file keeps its data.
@Suite struct MigrationTests {
    @Test func migrationsRunInMemory() async throws {
        let store = try CallStore.inMemory()
        let applied = try await store.writer.read { try StoreMigrations.migrator.appliedMigrations($0) }
        #expect(applied == StoreMigrations.names)
        #expect(try await store.recentCalls(limit: 10).isEmpty)
    }

    @Test func memoryPathIsAnInMemoryStore() async throws {
        let store = try CallStore(path: ":memory:")
        try await store.saveCall(Samples.call("m"))
        #expect(try await store.call(id: "m") == Samples.call("m"))
        #expect(!FileManager.default.fileExists(atPath: ":memory:"))
    }

    @Test func migrationsRunOnAFileAndCreateItsFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallStore(path: folder.databasePath)
        #expect(FileManager.default.fileExists(atPath: folder.databasePath))
        let applied = try await store.writer.read { try StoreMigrations.migrator.appliedMigrations($0) }
        #expect(applied == StoreMigrations.names)
        let tables = try await store.writer.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(tables == ["agent_states", "bindings", "calls", "campaign_attempts", "campaign_contacts", "campaigns", "do_not_call", "queue_callbacks", "queue_log", "trail"])
    }

    @Test func fileDatabaseIsInWALMode() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try CallStore(path: folder.databasePath)
        let mode = try await store.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        // WAL is a property of the file: another connection sees it too.
        let other = try DatabaseQueue(path: folder.databasePath)
        let otherMode = try await other.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(otherMode == "wal")
    }

    @Test func reopeningTheFileKeepsTheData() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try CallStore(path: folder.databasePath)
            try await store.saveCall(Samples.call("kept"))
            try await store.saveBinding(StoredBinding(aor: "1001", contact: "sip:1001@127.0.0.1:5062", expiresAt: Samples.start + 3600, source: "127.0.0.1:5062"))
        }
        let reopened = try CallStore(path: folder.databasePath)
        #expect(try await reopened.call(id: "kept") == Samples.call("kept"))
        #expect(try await reopened.bindings(validAt: Samples.start).map(\.aor) == ["1001"])
    }

    @Test func unopenableFileIsATypedError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path + "/plain"
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        #expect {
            try CallStore(path: file + "/callgate.sqlite")
        } throws: { error in
            guard case StorageError.cannotOpen(let path, _)? = error as? StorageError else { return false }
            return path == file + "/callgate.sqlite"
        }
    }
}

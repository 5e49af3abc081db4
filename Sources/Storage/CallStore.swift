import Foundation
import GRDB

/// The engine's SQLite database: call records, their trails, the registrar's bindings and the queue log.
///
/// A file opens as a `DatabasePool` in WAL mode, so readers (reports, the HTTP API) never wait
/// for the writer and a crash loses at most the transaction in flight; `inMemory()` is a
/// `DatabaseQueue` for tests. Every method is `async` and runs on GRDB's own queues: writes are
/// serialized by GRDB, so any number of tasks may call the store at once.
public final class CallStore: Sendable {
    let writer: any DatabaseWriter
    /// The hot path's writes, committed together when they arrive together.
    let commits: GroupCommit

    /// Opens (or creates) the database file at `path`, creating its folder, and migrates it.
    /// `:memory:` gives the same as `inMemory()`.
    public convenience init(path: String) throws {
        guard path != ":memory:" else {
            self.init(writer: try Self.memoryQueue())
            return
        }
        let pool: DatabasePool
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: Self.configuration())
            try StoreMigrations.migrator.migrate(pool)
        } catch {
            throw StorageError.cannotOpen(path: path, reason: "\(error)")
        }
        self.init(writer: pool)
    }

    /// A private database that lives as long as the store: for tests and `callgate test`.
    public static func inMemory() throws -> CallStore {
        CallStore(writer: try memoryQueue())
    }

    private static func memoryQueue() throws -> DatabaseQueue {
        let queue = try DatabaseQueue(configuration: configuration())
        try StoreMigrations.migrator.migrate(queue)
        return queue
    }

    init(writer: any DatabaseWriter) {
        self.writer = writer
        commits = GroupCommit(writer: writer)
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "callgate"
        // Another process (`callgate report`, the sqlite3 shell) may hold the write lock briefly.
        configuration.busyMode = .timeout(5)
        // WAL with synchronous=NORMAL: a commit is in the WAL file at once, so a crash of the engine
        // loses nothing; only a power cut can lose the last commits before the next checkpoint.
        // FULL would fsync every commit: ~0.8 ms each on this kind of machine, five per call, and a
        // ceiling of a few hundred calls per second for the whole engine (docs/benchmarks.md).
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }
}

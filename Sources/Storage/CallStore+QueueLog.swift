import CallgateCore
import GRDB

extension CallStore {
    /// Appends lines to the queue log in one transaction, in the order given.
    public func appendQueueLog(_ entries: [QueueLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await commits.write { db in
            let statement = try db.cachedStatement(sql: QueueLogRow.insert)
            for entry in entries { try statement.execute(arguments: QueueLogRow.arguments(entry)) }
        }
    }

    /// The queue log lines with `from <= time < to`, by time, then in the order they were appended.
    ///
    /// `events` keeps only those kinds of lines (nil: every kind), so that a report can read the
    /// logins of the days before its range without their calls.
    public func queueLog(from: Double, to: Double, events: Set<QueueLogEvent>? = nil) async throws -> [QueueLogEntry] {
        var sql = "SELECT * FROM queue_log WHERE time >= ? AND time < ?"
        var arguments: StatementArguments = [from, to]
        if let events {
            guard !events.isEmpty else { return [] }
            let names = events.map(\.rawValue).sorted()
            sql += " AND event IN (\(names.map { _ in "?" }.joined(separator: ", ")))"
            arguments += StatementArguments(names)
        }
        sql += " ORDER BY time, id"
        let query = sql
        let bound = arguments
        return try await writer.read { db in
            try Row.fetchAll(db, sql: query, arguments: bound).map(QueueLogRow.entry)
        }
    }
}

/// The mapping between `QueueLogEntry` and the `queue_log` table.
enum QueueLogRow {
    static let insert = """
        INSERT INTO queue_log (time, queue, call_id, agent, event, wait_seconds, talk_seconds, reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func arguments(_ entry: QueueLogEntry) -> StatementArguments {
        [entry.time, entry.queue, entry.callID, entry.agent, entry.event.rawValue, entry.waitSeconds, entry.talkSeconds,
         entry.reason]
    }

    static func entry(_ row: Row) throws -> QueueLogEntry {
        let name: String = row["event"]
        guard let event = QueueLogEvent(rawValue: name) else {
            let id: Int64 = row["id"]
            throw StorageError.unknownValue(table: "queue_log", key: "\(id)", column: "event", value: name)
        }
        return QueueLogEntry(
            time: row["time"], queue: row["queue"], callID: row["call_id"], agent: row["agent"], event: event,
            waitSeconds: row["wait_seconds"], talkSeconds: row["talk_seconds"], reason: row["reason"])
    }
}

import GRDB

extension CallStore {
    /// The `hangup_reason` of a call closed by `closeCallsLeftOpen`.
    public static let leftOpenReason = "the engine stopped without ending the call (restart after a crash)"

    /// Closes every call row that has no end time: rows that an engine killed mid-call (`kill -9`,
    /// a power cut, an out-of-memory kill) saved at start or answer and never got to end.
    ///
    /// Each row gets `ended_at` at the time of the call's last trail entry (trail times count
    /// seconds from the call's start), or its answer or start time when nothing later is known,
    /// `disposition` (`engine_restart`), `hangup_by` `engine`, `leftOpenReason` and the duration
    /// that follows. Rows already ended are not touched. One transaction; returns how many rows
    /// it closed. Meant for start-up, before any call can begin.
    @discardableResult
    public func closeCallsLeftOpen(disposition: String = "engine_restart") async throws -> Int {
        try await writer.write { db in
            let open = try Row.fetchAll(db, sql: """
                SELECT id, started_at, answered_at,
                       (SELECT MAX(at) FROM trail WHERE trail.call_id = calls.id) AS last_trail_at
                FROM calls WHERE ended_at IS NULL
                """)
            for row in open {
                let id: String = row["id"]
                let startedAt: Double = row["started_at"]
                let answered = (row["answered_at"] as Double?).map { $0 - startedAt } ?? 0
                let lastTrail = (row["last_trail_at"] as Double?) ?? 0
                let duration = max(0, answered, lastTrail)
                try db.execute(
                    sql: """
                        UPDATE calls SET ended_at = ?, duration_seconds = ?, disposition = ?, hangup_by = 'engine',
                            hangup_reason = ? WHERE id = ?
                        """,
                    arguments: [startedAt + duration, duration, disposition, Self.leftOpenReason, id])
            }
            return open.count
        }
    }
}

import CallgateCore
import GRDB

extension CallStore {
    /// Appends steps to a call's trail, numbering them after the ones already stored.
    public func appendTrail(callID: String, entries: [TrailEntry]) async throws {
        guard !entries.isEmpty else { return }
        let rows = entries.map { ($0.at, $0.kind, $0.json.encodedString) }
        try await commits.write { db in
            // Read and insert in one transaction: the writer is serial, so seq cannot collide.
            // Cached statements: parsed once per connection, not once per call (SQLite's parser was
            // a tenth of the store's CPU under load, docs/profiles/hot-path.md).
            let last = try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(seq) FROM trail WHERE call_id = ?"), arguments: [callID]) ?? 0
            let insert = try db.cachedStatement(sql: "INSERT INTO trail (call_id, seq, at, kind, detail) VALUES (?, ?, ?, ?, ?)")
            for (offset, row) in rows.enumerated() {
                try insert.execute(arguments: [callID, last + 1 + offset, row.0, row.1, row.2])
            }
        }
    }

    /// A call's trail in the order it was appended; empty for an unknown call.
    public func trail(callID: String) async throws -> [StoredTrailEntry] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT seq, at, kind, detail FROM trail WHERE call_id = ? ORDER BY seq", arguments: [callID])
            return try rows.map { row in
                let seq: Int = row["seq"]
                let text: String = row["detail"]
                guard let detail = try? JSONValue.parse(Array(text.utf8)) else {
                    throw StorageError.corruptJSON(table: "trail", key: "\(callID)#\(seq)", column: "detail")
                }
                return StoredTrailEntry(seq: seq, at: row["at"], kind: row["kind"], detail: detail)
            }
        }
    }
}

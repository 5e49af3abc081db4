import Foundation
import GRDB

extension CallStore {
    /// Inserts the binding or refreshes it (by `aor` and `contact`).
    public func saveBinding(_ b: StoredBinding) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO bindings (aor, contact, expires_at, source, user_agent, target) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(aor, contact) DO UPDATE SET
                        expires_at = excluded.expires_at, source = excluded.source, user_agent = excluded.user_agent,
                        target = excluded.target
                    """,
                arguments: [b.aor, b.contact, b.expiresAt.timeIntervalSince1970, b.source, b.userAgent, b.target])
        }
    }

    public func removeBinding(aor: String, contact: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM bindings WHERE aor = ? AND contact = ?", arguments: [aor, contact])
        }
    }

    /// The bindings still valid at `date`, by extension then contact. Expired ones are deleted.
    public func bindings(validAt date: Date) async throws -> [StoredBinding] {
        let now = date.timeIntervalSince1970
        return try await writer.write { db in
            try db.execute(sql: "DELETE FROM bindings WHERE expires_at <= ?", arguments: [now])
            return try Row.fetchAll(db, sql: "SELECT * FROM bindings ORDER BY aor, contact").map { row in
                StoredBinding(
                    aor: row["aor"], contact: row["contact"],
                    expiresAt: Date(timeIntervalSince1970: row["expires_at"]), source: row["source"],
                    userAgent: row["user_agent"], target: row["target"])
            }
        }
    }
}

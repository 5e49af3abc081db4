import CallgateCore
import Foundation
import GRDB

/// A callback waiting in a queue, as kept across restarts (docs/outbound.md#callbacks).
public struct StoredCallback: Sendable, Hashable {
    public var callID: String
    public var queue: String
    public var priority: Int
    public var skills: [String: Int]
    /// The number to call back.
    public var number: String
    public var callerNumber: String
    public var callerName: String?
    /// The call's vars: the agent's screen pop and the customer call's record.
    public var vars: [String: JSONValue]
    /// When the caller joined the queue and asked for the callback (seconds since 1970).
    public var joinedAt: Double
    public var requestedAt: Double
    /// Customer dials counted so far.
    public var attempts: Int

    public init(callID: String, queue: String, priority: Int, skills: [String: Int], number: String, callerNumber: String,
                callerName: String?, vars: [String: JSONValue], joinedAt: Double, requestedAt: Double, attempts: Int) {
        self.callID = callID
        self.queue = queue
        self.priority = priority
        self.skills = skills
        self.number = number
        self.callerNumber = callerNumber
        self.callerName = callerName
        self.vars = vars
        self.joinedAt = joinedAt
        self.requestedAt = requestedAt
        self.attempts = attempts
    }
}

extension CallStore {
    /// Inserts the callback or updates its row (its attempts).
    public func saveCallback(_ c: StoredCallback) async throws {
        let skills = JSONValue.object(c.skills.mapValues { .number(Double($0)) }).encodedString
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO queue_callbacks (call_id, queue, priority, skills, number, caller_number, caller_name, vars,
                                                 joined_at, requested_at, attempts)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(call_id) DO UPDATE SET attempts = excluded.attempts
                    """,
                arguments: [c.callID, c.queue, c.priority, skills, c.number, c.callerNumber, c.callerName,
                            JSONValue.object(c.vars).encodedString, c.joinedAt, c.requestedAt, c.attempts])
        }
    }

    public func deleteCallback(callID: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM queue_callbacks WHERE call_id = ?", arguments: [callID])
        }
    }

    /// Every waiting callback, in order of arrival.
    public func callbacks() async throws -> [StoredCallback] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM queue_callbacks ORDER BY joined_at, rowid").map { row in
                let id: String = row["call_id"]
                let skillsText: String = row["skills"], varsText: String = row["vars"]
                guard let skills = try? JSONDecoder().decode([String: Int].self, from: Data(skillsText.utf8)),
                      let vars = try? JSONDecoder().decode([String: JSONValue].self, from: Data(varsText.utf8))
                else { throw StorageError.corruptJSON(table: "queue_callbacks", key: id, column: "skills or vars") }
                return StoredCallback(
                    callID: id, queue: row["queue"], priority: row["priority"], skills: skills, number: row["number"],
                    callerNumber: row["caller_number"], callerName: row["caller_name"], vars: vars, joinedAt: row["joined_at"],
                    requestedAt: row["requested_at"], attempts: row["attempts"])
            }
        }
    }
}

import CallgateCore
import Foundation
import GRDB

extension CallStore {
    /// Inserts the call or updates its row (by `id`). Called at start, answer and end.
    ///
    /// `recordingPath` and `rating` are filled in by other parts (the recorder, a queue's
    /// survey): a nil there keeps the stored value instead of clearing it.
    public func saveCall(_ call: StoredCall) async throws {
        let arguments = try CallRow.arguments(call)
        try await commits.write { db in
            try db.cachedStatement(sql: CallRow.upsert).execute(arguments: arguments)  // parsed once per connection
        }
    }

    /// Sets (or clears) a call's rating; does nothing when the call is unknown.
    public func setRating(callID: String, rating: Int?) async throws {
        try await commits.write { db in
            try db.execute(sql: "UPDATE calls SET rating = ? WHERE id = ?", arguments: [rating, callID])
        }
    }

    /// Notes a recording made for the call outside its scenario (a queue's stereo recording).
    public func setRecording(callID: String, path: String) async throws {
        try await commits.write { db in
            try db.execute(sql: "UPDATE calls SET recording_path = ? WHERE id = ?", arguments: [path, callID])
        }
    }

    /// The latest calls, newest first.
    public func recentCalls(limit: Int) async throws -> [StoredCall] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM calls ORDER BY started_at DESC, rowid DESC LIMIT ?", arguments: [max(0, limit)])
            return try rows.map(CallRow.call)
        }
    }

    public func call(id: String) async throws -> StoredCall? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM calls WHERE id = ?", arguments: [id]).map(CallRow.call)
        }
    }
}

/// The mapping between `StoredCall` and the `calls` table.
enum CallRow {
    static let columns = [
        "id", "sip_call_id", "caller", "callee", "direction", "started_at", "answered_at", "ended_at",
        "duration_seconds", "disposition", "hangup_by", "hangup_reason", "route", "scenario", "errors", "vars",
        "recording_path", "rating", "amd",
    ]
    /// Columns that `saveCall` keeps when the new value is NULL.
    static let keptWhenNull: Set = ["recording_path", "rating", "amd"]

    static let upsert: String = {
        let updates = columns.dropFirst().map { column in
            keptWhenNull.contains(column)
                ? "\(column) = COALESCE(excluded.\(column), calls.\(column))" : "\(column) = excluded.\(column)"
        }
        return """
            INSERT INTO calls (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT(id) DO UPDATE SET \(updates.joined(separator: ", "))
            """
    }()

    static func arguments(_ call: StoredCall) throws -> StatementArguments {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let errors = String(decoding: try encoder.encode(call.errors), as: UTF8.self)
        let values: [(any DatabaseValueConvertible)?] = [
            call.id, call.sipCallID, call.from, call.to, call.direction.rawValue, call.startedAt.timeIntervalSince1970,
            call.answeredAt?.timeIntervalSince1970, call.endedAt?.timeIntervalSince1970, call.durationSeconds,
            call.disposition, call.hangupBy, call.hangupReason, call.route, call.scenario, errors,
            JSONValue.object(call.vars).encodedString, call.recordingPath, call.rating, call.amd?.rawValue,
        ]
        return StatementArguments(values)
    }

    static func call(_ row: Row) throws -> StoredCall {
        let id: String = row["id"]
        func json(_ column: String) throws -> Data {
            let text: String = row[column]
            return Data(text.utf8)
        }
        func date(_ column: String) -> Date? {
            (row[column] as Double?).map(Date.init(timeIntervalSince1970:))
        }
        let errors: [StoredFailure]
        let vars: [String: JSONValue]
        do {
            errors = try JSONDecoder().decode([StoredFailure].self, from: json("errors"))
        } catch {
            throw StorageError.corruptJSON(table: "calls", key: id, column: "errors")
        }
        do {
            vars = try JSONDecoder().decode([String: JSONValue].self, from: json("vars"))
        } catch {
            throw StorageError.corruptJSON(table: "calls", key: id, column: "vars")
        }
        var call = StoredCall(
            id: id, sipCallID: row["sip_call_id"], from: row["caller"], to: row["callee"],
            direction: Direction(rawValue: row["direction"]) ?? .inbound,
            startedAt: Date(timeIntervalSince1970: row["started_at"]), answeredAt: date("answered_at"),
            endedAt: date("ended_at"), durationSeconds: row["duration_seconds"], disposition: row["disposition"],
            hangupBy: row["hangup_by"], hangupReason: row["hangup_reason"], route: row["route"],
            scenario: row["scenario"], errors: errors, vars: vars, recordingPath: row["recording_path"],
            rating: row["rating"]
        )
        call.amd = (row["amd"] as String?).flatMap(MachineVerdict.init(rawValue:))
        return call
    }
}

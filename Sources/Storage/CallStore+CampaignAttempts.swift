import CallgateCore
import Foundation
import GRDB

/// A campaign's attempts: written before the call is placed, ended with the call's outcome, and
/// closed as `interrupted` at start-up when a dead engine left them open.
extension CallStore {
    /// Writes the contact's next attempt as `dialing`, in one transaction with its checks: the
    /// contact still waits (or is reserved for `agent`), and its number is not on the
    /// do-not-call list (else it is closed as `dnc`). The call may be placed only after this returns.
    public func beginAttempt(contact id: Int64, at time: Double, reservedFor agent: String? = nil) async throws -> AttemptStart {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM campaign_contacts WHERE id = ?", arguments: [id]) else {
                return .unavailable
            }
            var contact = try ContactRow.contact(row)
            let waiting = agent == nil ? contact.state == .pending : (contact.state == .reserved && contact.reservedBy == agent)
            guard waiting else { return .unavailable }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM do_not_call WHERE number = ?", arguments: [contact.number]) != nil {
                try db.execute(sql: "UPDATE campaign_contacts SET state = 'dnc', reserved_by = NULL WHERE id = ?", arguments: [id])
                return .doNotCall
            }
            contact.attempts += 1
            contact.state = .dialing
            try db.execute(sql: "UPDATE campaign_contacts SET state = 'dialing', attempts = ? WHERE id = ?", arguments: [contact.attempts, id])
            try db.execute(sql: """
                INSERT INTO campaign_attempts (campaign, contact_id, attempt, state, started_at) VALUES (?, ?, ?, 'dialing', ?)
                """, arguments: [contact.campaign, id, contact.attempts, time])
            let attempt = CampaignAttempt(id: db.lastInsertedRowID, campaign: contact.campaign, contactID: id, number: contact.number,
                                          attempt: contact.attempts, callID: nil, state: .dialing, startedAt: time)
            return .began(attempt, contact)
        }
    }

    /// Notes the placed call's id on its attempt.
    public func attemptPlaced(_ attempt: Int64, callID: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE campaign_attempts SET call_id = ?, state = 'in_progress' WHERE id = ? AND state = 'dialing'",
                           arguments: [callID, attempt])
        }
    }

    /// Ends the attempt and moves its contact on (done, retried after the outcome's delay, or out
    /// of attempts), in one transaction. An attempt already ended is left as it is.
    public func finishAttempt(_ attempt: Int64, _ result: AttemptResult) async throws {
        try await writer.write { db in try Self.finish(db, attempt: attempt, result) }
    }

    /// Closes the attempts a dead engine left `dialing` or `in_progress` as `interrupted`: each
    /// counts as an attempt and its contact is retried per the campaign's rules. Meant for
    /// start-up, before the campaign driver runs; returns how many it closed.
    @discardableResult
    public func closeInterruptedAttempts(at time: Double) async throws -> Int {
        try await writer.write { db in
            let open = try Int64.fetchAll(db, sql: "SELECT id FROM campaign_attempts WHERE state IN ('dialing', 'in_progress')")
            for id in open {
                try Self.finish(db, attempt: id, AttemptResult(outcome: .interrupted, disposition: "engine_restart", endedAt: time))
            }
            return open.count
        }
    }

    /// Every attempt of the campaign, oldest first, with its contact's number.
    public func attempts(campaign: String) async throws -> [CampaignAttempt] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, c.number FROM campaign_attempts a JOIN campaign_contacts c ON c.id = a.contact_id
                WHERE a.campaign = ? ORDER BY a.id
                """, arguments: [campaign]).map(AttemptRow.attempt)
        }
    }

    static func finish(_ db: Database, attempt id: Int64, _ result: AttemptResult) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.contact_id, a.state, c.attempts, k.definition FROM campaign_attempts a
            JOIN campaign_contacts c ON c.id = a.contact_id JOIN campaigns k ON k.name = a.campaign WHERE a.id = ?
            """, arguments: [id]), (row["state"] as String) != CampaignAttempt.State.ended.rawValue else { return }
        let json: String = row["definition"]
        guard let definition = try? JSONDecoder().decode(CampaignDefinition.self, from: Data(json.utf8)) else {
            throw StorageError.corruptJSON(table: "campaigns", key: "attempt \(id)", column: "definition")
        }
        try db.execute(sql: """
            UPDATE campaign_attempts SET state = 'ended', answered_at = ?, ended_at = ?, outcome = ?, disposition = ?, amd = ? WHERE id = ?
            """, arguments: [result.answeredAt, result.endedAt, result.outcome.rawValue, result.disposition, result.amd?.rawValue, id])
        let next = AttemptConsequence.after(result.outcome, attempts: row["attempts"], endedAt: result.endedAt, definition: definition)
        try db.execute(sql: """
            UPDATE campaign_contacts SET state = ?, last_outcome = ?, next_attempt_at = COALESCE(?, next_attempt_at), reserved_by = NULL
            WHERE id = ?
            """, arguments: [next.contactState.rawValue, result.outcome.rawValue, next.nextAttemptAt, row["contact_id"] as Int64])
    }
}

/// The mapping between `CampaignAttempt` and the `campaign_attempts` table (joined with the contact's number).
enum AttemptRow {
    static func attempt(_ row: Row) throws -> CampaignAttempt {
        let id: Int64 = row["id"]
        let rawState: String = row["state"]
        guard let state = CampaignAttempt.State(rawValue: rawState) else {
            throw StorageError.unknownValue(table: "campaign_attempts", key: "\(id)", column: "state", value: rawState)
        }
        return CampaignAttempt(id: id, campaign: row["campaign"], contactID: row["contact_id"], number: row["number"],
                               attempt: row["attempt"], callID: row["call_id"], state: state, startedAt: row["started_at"],
                               answeredAt: row["answered_at"], endedAt: row["ended_at"],
                               outcome: (row["outcome"] as String?).flatMap(AttemptOutcome.init(rawValue:)),
                               disposition: row["disposition"], amd: (row["amd"] as String?).flatMap(MachineVerdict.init(rawValue:)))
    }
}

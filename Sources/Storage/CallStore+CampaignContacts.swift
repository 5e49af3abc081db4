import CallgateCore
import Foundation
import GRDB

/// A campaign's contacts: what the schedule looks at, preview reservations, closing.
extension CallStore {
    /// Contacts waiting for an attempt whose retry delay has passed, earliest first, at most `limit`.
    public func dueCandidates(campaign: String, at time: Double, limit: Int) async throws -> [CampaignSchedule.Candidate] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, number, time_zone, state, attempts, next_attempt_at FROM campaign_contacts
                WHERE campaign = ? AND state = 'pending' AND next_attempt_at <= ?
                ORDER BY next_attempt_at, id LIMIT ?
                """, arguments: [campaign, time, max(0, limit)]).map { row in
                CampaignSchedule.Candidate(id: row["id"], number: row["number"], timeZone: row["time_zone"], state: .pending,
                                           attempts: row["attempts"], nextAttemptAt: row["next_attempt_at"])
            }
        }
    }

    public func contact(id: Int64) async throws -> CampaignContact? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM campaign_contacts WHERE id = ?", arguments: [id]).map(ContactRow.contact)
        }
    }

    /// Every contact of the campaign, in import order.
    public func contacts(campaign: String) async throws -> [CampaignContact] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM campaign_contacts WHERE campaign = ? ORDER BY id", arguments: [campaign])
                .map(ContactRow.contact)
        }
    }

    /// Closes waiting contacts for good (`dnc` when their number is on the list).
    public func closeContacts(_ ids: [Int64], as state: ContactState) async throws {
        guard !ids.isEmpty else { return }
        try await writer.write { db in
            for id in ids {
                try db.execute(sql: "UPDATE campaign_contacts SET state = ? WHERE id = ? AND state = 'pending'", arguments: [state.rawValue, id])
            }
        }
    }

    /// Reserves a waiting contact for an agent's preview; false when it is no longer waiting.
    public func reserveContact(_ id: Int64, for agent: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE campaign_contacts SET state = 'reserved', reserved_by = ? WHERE id = ? AND state = 'pending'",
                           arguments: [agent, id])
            return db.changesCount > 0
        }
    }

    /// The contact reserved for the agent in the campaign, if any.
    public func reservedContact(campaign: String, agent: String) async throws -> CampaignContact? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM campaign_contacts WHERE campaign = ? AND state = 'reserved' AND reserved_by = ? LIMIT 1",
                             arguments: [campaign, agent]).map(ContactRow.contact)
        }
    }

    /// The campaign's progress now.
    public func campaignFigures(_ name: String) async throws -> CampaignFigures {
        try await writer.read { db in
            var figures = CampaignFigures()
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM campaign_contacts WHERE campaign = ? GROUP BY state",
                                        arguments: [name]) {
                figures.contactStates[row["state"]] = row["n"]
                figures.contacts += row["n"] as Int
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT state, outcome, COUNT(*) AS n FROM campaign_attempts WHERE campaign = ? GROUP BY state, outcome
                """, arguments: [name]) {
                let n: Int = row["n"]
                figures.attempts += n
                if let outcome: String = row["outcome"] { figures.outcomes[outcome, default: 0] += n } else { figures.inProgress += n }
            }
            return figures
        }
    }
}

/// The mapping between `CampaignContact` and the `campaign_contacts` table.
enum ContactRow {
    static func contact(_ row: Row) throws -> CampaignContact {
        let id: Int64 = row["id"]
        let varsText: String = row["vars"]
        guard let parsed = try? JSONValue.parse(Array(varsText.utf8)), case .object(let vars) = parsed else {
            throw StorageError.corruptJSON(table: "campaign_contacts", key: "\(id)", column: "vars")
        }
        let rawState: String = row["state"]
        guard let state = ContactState(rawValue: rawState) else {
            throw StorageError.unknownValue(table: "campaign_contacts", key: "\(id)", column: "state", value: rawState)
        }
        let outcome = (row["last_outcome"] as String?).flatMap(AttemptOutcome.init(rawValue:))
        return CampaignContact(id: id, campaign: row["campaign"], number: row["number"], timeZone: row["time_zone"], vars: vars,
                               state: state, attempts: row["attempts"], lastOutcome: outcome,
                               nextAttemptAt: row["next_attempt_at"], reservedBy: row["reserved_by"])
    }
}

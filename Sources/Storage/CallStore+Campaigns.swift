import CallgateCore
import Foundation
import GRDB

/// Campaigns: their definitions and states. Contacts, attempts, the do-not-call list, import and
/// export are in the `CallStore+Campaign*.swift` files beside this one.
extension CallStore {
    /// Stores a new campaign as `draft`, after checking its definition.
    public func createCampaign(_ definition: CampaignDefinition, at time: Double) async throws {
        try definition.validate()
        let json = try CampaignRow.encode(definition)
        try await writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM campaigns WHERE name = ?", arguments: [definition.name]) == nil else {
                throw CampaignError.exists(definition.name)
            }
            try db.execute(sql: "INSERT INTO campaigns (name, definition, state, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?)",
                           arguments: [definition.name, json, time, time])
        }
    }

    /// Every campaign, oldest first.
    public func campaigns() async throws -> [CampaignRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM campaigns ORDER BY created_at, name").map(CampaignRow.record)
        }
    }

    public func campaign(named name: String) async throws -> CampaignRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM campaigns WHERE name = ?", arguments: [name]).map(CampaignRow.record)
        }
    }

    /// Applies an operator's command (start, pause, resume, stop); throws when it does not apply
    /// in the campaign's state. Returns the new state.
    @discardableResult
    public func commandCampaign(_ name: String, _ command: CampaignState.Command, at time: Double) async throws -> CampaignState {
        try await writer.write { db in
            guard let raw = try String.fetchOne(db, sql: "SELECT state FROM campaigns WHERE name = ?", arguments: [name]) else {
                throw CampaignError.unknownCampaign(name)
            }
            let state = try CampaignRow.state(raw, name: name)
            guard let next = state.applying(command) else {
                throw CampaignError.wrongState(campaign: name, state: state, command: command.rawValue)
            }
            if command == .stop {
                // A preview reservation would otherwise hold the contact forever.
                try db.execute(sql: "UPDATE campaign_contacts SET state = 'pending', reserved_by = NULL WHERE campaign = ? AND state = 'reserved'",
                               arguments: [name])
            }
            try db.execute(sql: "UPDATE campaigns SET state = ?, updated_at = ? WHERE name = ?", arguments: [next.rawValue, time, name])
            return next
        }
    }

    /// Marks a running campaign `finished` when none of its contacts waits or is being called;
    /// returns whether it did.
    public func finishCampaignIfDone(_ name: String, at time: Double) async throws -> Bool {
        try await writer.write { db in
            let open = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM campaign_contacts WHERE campaign = ? AND state IN ('pending', 'dialing', 'reserved')
                """, arguments: [name]) ?? 0
            guard open == 0 else { return false }
            try db.execute(sql: "UPDATE campaigns SET state = 'finished', updated_at = ? WHERE name = ? AND state = 'running'",
                           arguments: [time, name])
            return db.changesCount > 0
        }
    }
}

/// The mapping between `CampaignRecord` and the `campaigns` table.
enum CampaignRow {
    static func encode(_ definition: CampaignDefinition) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(definition), as: UTF8.self)
    }

    static func record(_ row: Row) throws -> CampaignRecord {
        let name: String = row["name"]
        let json: String = row["definition"]
        guard let definition = try? JSONDecoder().decode(CampaignDefinition.self, from: Data(json.utf8)) else {
            throw StorageError.corruptJSON(table: "campaigns", key: name, column: "definition")
        }
        return CampaignRecord(definition: definition, state: try state(row["state"], name: name),
                              createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    static func state(_ raw: String, name: String) throws -> CampaignState {
        guard let state = CampaignState(rawValue: raw) else {
            throw StorageError.unknownValue(table: "campaigns", key: name, column: "state", value: raw)
        }
        return state
    }
}

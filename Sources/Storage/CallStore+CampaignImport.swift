import CallgateCore
import GRDB

extension CallStore {
    /// Adds the contacts of a CSV file to a campaign (docs/outbound.md#campaigns), in one
    /// transaction: bad rows, numbers already in the campaign or twice in the file, and numbers on
    /// the do-not-call list are skipped and reported by line. A file without a `number` column, or
    /// that does not parse, is refused whole (`ContactFileError`). New contacts are due at once.
    public func importContacts(campaign: String, csv text: String, at time: Double) async throws -> ContactImport {
        let file = try ContactFile(text: text)
        return try await writer.write { db in
            guard let raw = try String.fetchOne(db, sql: "SELECT state FROM campaigns WHERE name = ?", arguments: [campaign]) else {
                throw CampaignError.unknownCampaign(campaign)
            }
            let state = try CampaignRow.state(raw, name: campaign)
            guard state != .stopped, state != .finished else {
                throw CampaignError.wrongState(campaign: campaign, state: state, command: "import contacts into")
            }
            var report = ContactImport()
            report.skipped = file.bad
            let known = Set(try String.fetchAll(db, sql: "SELECT number FROM campaign_contacts WHERE campaign = ?", arguments: [campaign]))
            let blocked = Set(try String.fetchAll(db, sql: "SELECT number FROM do_not_call"))
            var seen: [String: Int] = [:]
            let insert = try db.makeStatement(sql: """
                INSERT INTO campaign_contacts (campaign, number, time_zone, vars, next_attempt_at) VALUES (?, ?, ?, ?, ?)
                """)
            for row in file.rows {
                if let first = seen[row.number] {
                    report.skipped.append(.init(line: row.line, kind: .duplicate, message: "\(row.number) is on line \(first) already"))
                    continue
                }
                seen[row.number] = row.line
                if known.contains(row.number) {
                    report.skipped.append(.init(line: row.line, kind: .duplicate, message: "\(row.number) is in the campaign already"))
                    continue
                }
                if blocked.contains(row.number) {
                    report.skipped.append(.init(line: row.line, kind: .doNotCall, message: "\(row.number) is on the do-not-call list"))
                    continue
                }
                try insert.execute(arguments: [campaign, row.number, row.timeZone, JSONValue.object(row.vars).encodedString, time])
                report.imported += 1
            }
            report.skipped.sort { $0.line < $1.line }
            return report
        }
    }
}

import CallgateCore
import GRDB

/// The do-not-call list: numbers no campaign calls. It is checked when an attempt is written, so
/// a number added while a campaign runs is never called again by any campaign.
extension CallStore {
    /// Adds numbers (normalised); returns how many were new. Throws on a number that is not one.
    @discardableResult
    public func addDoNotCall(_ numbers: [String], note: String? = nil, at time: Double) async throws -> Int {
        let normalized = try numbers.map { text throws(CampaignError) -> String in
            guard let number = CampaignNumber.normalize(text) else { throw .invalid(field: "number", "\"\(text.prefix(40))\" is not a phone number") }
            return number
        }
        return try await writer.write { db in
            var added = 0
            for number in normalized {
                try db.execute(sql: "INSERT OR IGNORE INTO do_not_call (number, added_at, note) VALUES (?, ?, ?)", arguments: [number, time, note])
                added += db.changesCount
            }
            return added
        }
    }

    /// Removes numbers; returns how many were on the list. Contacts already closed as `dnc` stay closed.
    @discardableResult
    public func removeDoNotCall(_ numbers: [String]) async throws -> Int {
        try await writer.write { db in
            var removed = 0
            for text in numbers {
                try db.execute(sql: "DELETE FROM do_not_call WHERE number = ?", arguments: [CampaignNumber.normalize(text) ?? text])
                removed += db.changesCount
            }
            return removed
        }
    }

    /// The whole list, in number order.
    public func doNotCallList() async throws -> [(number: String, addedAt: Double, note: String?)] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM do_not_call ORDER BY number").map { ($0["number"], $0["added_at"], $0["note"]) }
        }
    }

    /// Which of these numbers are on the list.
    public func doNotCall(among numbers: [String]) async throws -> Set<String> {
        guard !numbers.isEmpty else { return [] }
        return try await writer.read { db in
            var found: Set<String> = []
            for chunk in stride(from: 0, to: numbers.count, by: 500).map({ Array(numbers[$0..<min($0 + 500, numbers.count)]) }) {
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                found.formUnion(try String.fetchAll(db, sql: "SELECT number FROM do_not_call WHERE number IN (\(marks))",
                                                    arguments: StatementArguments(chunk)))
            }
            return found
        }
    }
}

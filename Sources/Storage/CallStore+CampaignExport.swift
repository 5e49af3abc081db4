import CallgateCore
import Foundation

/// A campaign's results as CSV: one row per attempt, or one per contact with its final outcome.
/// Times are UTC, ISO 8601 (`2026-12-08T09:30:00Z`); empty fields are unknown or not applicable.
extension CallStore {
    public func exportAttemptsCSV(campaign: String) async throws -> String {
        guard try await self.campaign(named: campaign) != nil else { throw CampaignError.unknownCampaign(campaign) }
        var lines = [CampaignCSV.line(["campaign", "contact_id", "number", "attempt", "call_id", "started_at", "answered_at",
                                       "ended_at", "outcome", "disposition", "amd"])]
        for a in try await attempts(campaign: campaign) {
            lines.append(CampaignCSV.line([a.campaign, "\(a.contactID)", a.number, "\(a.attempt)", a.callID ?? "",
                                           CampaignCSV.time(a.startedAt), CampaignCSV.time(a.answeredAt), CampaignCSV.time(a.endedAt),
                                           a.outcome?.rawValue ?? (a.state == .ended ? "" : "in_progress"), a.disposition ?? "",
                                           a.amd?.rawValue ?? ""]))
        }
        return lines.joined()
    }

    /// One row per contact: its state, attempts and last outcome, the call id of its last attempt,
    /// then its vars (a column per var name any contact has, in name order).
    public func exportContactsCSV(campaign: String) async throws -> String {
        guard try await self.campaign(named: campaign) != nil else { throw CampaignError.unknownCampaign(campaign) }
        let contacts = try await contacts(campaign: campaign)
        var lastCall: [Int64: String] = [:]
        for attempt in try await attempts(campaign: campaign) { lastCall[attempt.contactID] = attempt.callID ?? "" }
        let varNames = Set(contacts.flatMap(\.vars.keys)).sorted()
        var lines = [CampaignCSV.line(["campaign", "contact_id", "number", "timezone", "state", "attempts", "last_outcome",
                                       "last_call_id"] + varNames)]
        for c in contacts {
            let vars = varNames.map { c.vars[$0].flatMap { $0.scalarText ?? $0.encodedString } ?? "" }
            lines.append(CampaignCSV.line([c.campaign, "\(c.id)", c.number, c.timeZone ?? "", c.state.rawValue, "\(c.attempts)",
                                           c.lastOutcome?.rawValue ?? "", lastCall[c.id] ?? ""] + vars))
        }
        return lines.joined()
    }
}

/// CSV as RFC 4180 writes it: fields with a comma, a quote or a line break are quoted, quotes doubled.
enum CampaignCSV {
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }

    static func time(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "" }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}

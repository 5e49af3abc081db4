import CallgateCore
import Foundation
import SwiftCSV

/// The report of a CSV import: how many contacts were added, and every row that was not, with its
/// line (the header is line 1) and why. Bad rows, duplicates and do-not-call numbers are skipped;
/// the rest of the file is imported.
public struct ContactImport: Sendable, Hashable {
    public var imported: Int = 0
    public var skipped: [Problem] = []

    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable, Hashable { case bad, duplicate, doNotCall = "do_not_call" }
        public var line: Int
        public var kind: Kind
        public var message: String

        public var description: String { "line \(line): \(message)" }
    }

    public init() {}
}

/// Why a CSV file cannot be imported at all (as opposed to a bad row, which is skipped).
public struct ContactFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
}

/// A CSV file of contacts: a `number` column (required), an optional `timezone` (an IANA name),
/// and any other columns, which become the contact's vars under their header names.
struct ContactFile {
    struct Row {
        var line: Int
        var number: String
        var timeZone: String?
        var vars: [String: JSONValue]
    }

    /// Rows at most in one file; more is refused as a whole (split the file).
    static let maxRows = 1_000_000

    var rows: [Row] = []
    var bad: [ContactImport.Problem] = []

    init(text raw: String) throws(ContactFileError) {
        // Spreadsheets often start their CSV with a byte-order mark.
        let text = raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : raw
        let header: [String]
        do {
            header = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0).header
        } catch {
            throw ContactFileError(description: "the CSV does not parse: \(error)")
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let numberColumn = names.firstIndex(where: { $0.lowercased() == "number" }) else {
            throw ContactFileError(description: "the CSV has no `number` column (its header is: \(names.joined(separator: ",")))")
        }
        let zoneColumn = names.firstIndex { ["timezone", "time_zone"].contains($0.lowercased()) }
        for (index, name) in names.enumerated() where index != numberColumn && index != zoneColumn && !Names.isVarName(name) {
            throw ContactFileError(description: "column \(index + 1) header \"\(name)\" is not a var name (letters, digits, _; a letter or _ first)")
        }
        if let duplicate = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ContactFileError(description: "the header names column \"\(duplicate)\" twice")
        }
        var records: [[String]] = []
        do {
            let csv = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { records.append($0) }
        } catch {
            throw ContactFileError(description: "the CSV does not parse: \(error)")
        }
        guard records.count <= Self.maxRows else {
            throw ContactFileError(description: "the CSV has \(records.count) rows; at most \(Self.maxRows) in one import")
        }
        for (index, fields) in records.enumerated() {
            let line = index + 2
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard fields.count == names.count else {
                bad.append(.init(line: line, kind: .bad, message: "has \(fields.count) fields; the header has \(names.count)"))
                continue
            }
            guard let number = CampaignNumber.normalize(fields[numberColumn]) else {
                bad.append(.init(line: line, kind: .bad, message: "\"\(fields[numberColumn].prefix(40))\" is not a phone number"))
                continue
            }
            var zone: String?
            if let zoneColumn {
                let text = fields[zoneColumn].trimmingCharacters(in: .whitespaces)
                if !text.isEmpty {
                    guard CampaignZones.isKnown(text) else {
                        bad.append(.init(line: line, kind: .bad, message: "\"\(text.prefix(40))\" is not an IANA time zone"))
                        continue
                    }
                    zone = text
                }
            }
            var vars: [String: JSONValue] = [:]
            for (column, name) in names.enumerated() where column != numberColumn && column != zoneColumn {
                vars[name] = .string(fields[column])
            }
            rows.append(Row(line: line, number: number, timeZone: zone, vars: vars))
        }
    }
}

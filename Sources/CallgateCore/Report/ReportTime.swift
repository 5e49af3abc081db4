/// The times `callgate report` accepts for `--from` and `--to`, read into seconds since 1970.
///
/// - `2026-11-21T08:00:00Z`: ISO 8601, seconds and a fraction optional, `Z` or an offset such as
///   `+02:00`; without either it is UTC. A space may stand for the `T`.
/// - `2026-11-21`: the start of that day in UTC.
/// - `-90s`, `-30m`, `-1h`, `-24h`, `-7d`: that long before `now`; `now` itself.
public enum ReportTime {
    public static func parse(_ text: String, now: Double) throws(ReportTimeError) -> Double {
        let trimmed = text.trimmingSpaces
        if trimmed == "now" { return now }
        if let ago = relative(trimmed) { return now - ago }
        if let time = absolute(trimmed) { return time }
        throw ReportTimeError(text: text)
    }

    private static func relative(_ text: String) -> Double? {
        guard let match = text.wholeMatch(of: /-(\d+(?:\.\d+)?)([smhd])/), let amount = Double(match.1) else { return nil }
        let unit: Double = switch match.2 {
        case "s": 1
        case "m": 60
        case "h": 3600
        default: 86_400
        }
        return amount * unit
    }

    private static func absolute(_ text: String) -> Double? {
        let pattern = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?/
        // `\d` also matches digits of other scripts ("٢"), which `Int` does not read: nil, not a trap.
        guard let match = text.wholeMatch(of: pattern),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
              let hour = match.4.map({ Int($0) }) ?? 0, let minute = match.5.map({ Int($0) }) ?? 0,
              let second = match.6.map({ Int($0) }) ?? 0
        else { return nil }
        guard (1...12).contains(month), (1...UTCCalendar.daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }
        guard let offset = offsetSeconds(match.8.map(String.init)) else { return nil }
        let days = UTCCalendar.daysSince1970(year: year, month: month, day: day)
        let fraction = match.7.flatMap { Double("0" + $0) } ?? 0
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }

    /// `Z` or none: 0; `+02:00`, `-0530`: that offset from UTC; nil when out of range.
    private static func offsetSeconds(_ zone: String?) -> Int? {
        guard let zone, zone != "Z" else { return 0 }
        let digits = zone.dropFirst().filter { $0 != ":" }
        guard let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)), hours < 24, minutes < 60 else {
            return nil
        }
        let seconds = hours * 3600 + minutes * 60
        return zone.first == "-" ? -seconds : seconds
    }
}

/// A `--from` or `--to` that is none of the accepted forms.
public struct ReportTimeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String

    public var description: String {
        "cannot read \"\(text)\" as a time: use 2026-11-21T08:00:00Z, 2026-11-21 or a time before now such as -24h or -7d"
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

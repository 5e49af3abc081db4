import Foundation

/// When a campaign may call: local times of day and days of the week, in the contact's own time
/// zone when it has one, else in the window's. `start` is inclusive and `end` exclusive; an
/// `end` before `start` spans midnight (22:00–02:00), and the day that counts is the one the
/// window opened on.
public struct CallingWindow: Sendable, Hashable, Codable {
    /// Minutes after local midnight, 0..<1440.
    public var start: Int = 9 * 60
    public var end: Int = 20 * 60
    public var days: Set<Weekday> = Set(Weekday.allCases)
    /// An IANA zone name (`Europe/Berlin`) for contacts without their own.
    public var timeZone: String = "UTC"

    public init(start: Int = 9 * 60, end: Int = 20 * 60, days: Set<Weekday> = Set(Weekday.allCases), timeZone: String = "UTC") {
        self.start = start
        self.end = end
        self.days = days
        self.timeZone = timeZone
    }

    enum CodingKeys: String, CodingKey { case start, end, days, timeZone = "time_zone" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let startText = try c.decodeIfPresent(String.self, forKey: .start) ?? "09:00"
        let endText = try c.decodeIfPresent(String.self, forKey: .end) ?? "20:00"
        guard let start = Self.minutes(startText) else {
            throw DecodingError.dataCorruptedError(forKey: .start, in: c, debugDescription: "\(startText) is not a time HH:MM")
        }
        guard let end = Self.minutes(endText) else {
            throw DecodingError.dataCorruptedError(forKey: .end, in: c, debugDescription: "\(endText) is not a time HH:MM")
        }
        self.start = start
        self.end = end
        days = try c.decodeIfPresent(Set<Weekday>.self, forKey: .days) ?? Set(Weekday.allCases)
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.text(start), forKey: .start)
        try c.encode(Self.text(end), forKey: .end)
        try c.encode(Weekday.allCases.filter { days.contains($0) }, forKey: .days)
        try c.encode(timeZone, forKey: .timeZone)
    }

    /// `HH:MM` (24 h) as minutes after midnight; `24:00` is allowed as an end.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0..<60).contains(minutes), hours * 60 + minutes <= 1440 else { return nil }
        return hours * 60 + minutes
    }

    public static func text(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// Whether a contact may be called at `time` (seconds since 1970), in `zone` (the contact's
    /// IANA zone; nil or unknown: the window's own).
    public func isOpen(at time: Double, zone: String? = nil) -> Bool {
        guard let local = LocalTime(time, zone: zone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: timeZone))
        else { return false }
        if start == end { return false }
        if start < end { return days.contains(local.weekday) && start <= local.minute && local.minute < end }
        // Spans midnight: the evening part belongs to today, the early part to yesterday's window.
        if local.minute >= start { return days.contains(local.weekday) }
        return local.minute < end && days.contains(local.weekday.previous)
    }
}

/// Days of the week, by their three-letter English names in configuration and JSON.
public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable {
    case mon, tue, wed, thu, fri, sat, sun

    var previous: Weekday {
        let all = Weekday.allCases
        return all[(all.firstIndex(of: self).map { $0 + 6 } ?? 0) % 7]
    }
}

/// A moment as a clock on the wall of a zone shows it: the weekday and the minute of the day.
struct LocalTime {
    let weekday: Weekday
    let minute: Int

    /// Nil for a moment no calendar can hold (not finite, or centuries away).
    init?(_ time: Double, zone: TimeZone?) {
        guard let zone, time.isFinite, abs(time) < 1e11 else { return nil }
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: time))
        let local = Int(time.rounded(.down)) + offset
        let days = Int((Double(local) / 86_400).rounded(.down))
        let secondOfDay = local - days * 86_400
        // 1970-01-01 was a Thursday.
        weekday = Weekday.allCases[((days + 3) % 7 + 7) % 7]
        minute = secondOfDay / 60
    }
}

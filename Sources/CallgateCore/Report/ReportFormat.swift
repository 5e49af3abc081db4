/// How the report's text shows times, durations and ratios: whole seconds, UTC, one decimal.
enum ReportFormat {
    /// `m:ss`, or `h:mm:ss` from an hour on, rounded to the second; `-` for nothing.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, abs(seconds) < 1e15 else { return "-" }
        let whole = Int(seconds.rounded())
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(whole / 60):\(twoDigits(secs))"
    }

    /// `75.0%` for 0.75; `-` for nothing.
    static func percent(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite, abs(ratio) < 1e12 else { return "-" }
        let tenths = Int((ratio * 1000).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))%"
    }

    /// `20s`, or `7.5s`.
    static func seconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))s" : "\(value)s"
    }

    /// `2026-11-21 08:00:00` in UTC, for seconds since 1970 (fractions dropped).
    static func utc(_ time: Double) -> String {
        guard time.isFinite, abs(time) < 1e12 else { return "\(time)" }
        let whole = Int(time.rounded(.down))
        let days = Int((Double(whole) / 86_400).rounded(.down))
        let secondOfDay = whole - days * 86_400
        let (year, month, day) = UTCCalendar.date(daysSince1970: days)
        let date = "\(year)-\(twoDigits(month))-\(twoDigits(day))"
        let clock = "\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60))"
        return date + " " + clock
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

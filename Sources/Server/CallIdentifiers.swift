import Foundation
import Synchronization

/// Call ids that sort by time and are safe in file names: `20261121-201500-a3f9`.
enum CallIdentifiers {
    private static let counter = Atomic<Int>(0)

    static func next(now: Date = Date()) -> String {
        let serial = counter.add(1, ordering: .relaxed).newValue % 0x10000
        return "\(utcStamp(now))-\(String(serial, radix: 16).leftPadded(to: 4))\(String(Int.random(in: 0..<0x10000), radix: 16).leftPadded(to: 4))"
    }

    /// "yyyyMMdd-HHmmss" in UTC. gmtime_r, not a DateFormatter: building a formatter per call
    /// was 5 % of the engine's CPU in the calls/s profile (docs/benchmarks.md).
    static func utcStamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { String(n).leftPadded(to: 2) }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

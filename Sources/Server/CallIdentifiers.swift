import Foundation
import Synchronization

/// Call ids that sort by time and are safe in file names: `20261121-201500-a3f9`.
enum CallIdentifiers {
    private static let counter = Atomic<Int>(0)

    static func next(now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let serial = counter.add(1, ordering: .relaxed).newValue % 0x10000
        return "\(formatter.string(from: now))-\(String(serial, radix: 16).leftPadded(to: 4))\(String(Int.random(in: 0..<0x10000), radix: 16).leftPadded(to: 4))"
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

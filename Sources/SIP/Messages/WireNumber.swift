/// Numbers read from SIP text, converted without a trap. A peer may send any digits at all
/// (`Expires: 99999999999999999999`); these helpers saturate or refuse, never narrow blindly.
///
/// - warning: Never convert a number from the wire with a trapping initializer (`Int(x)` on a
///   `UInt`, `UInt8(x)` on an `Int`): one datagram would stop the engine. Use these, or
///   `init(clamping:)` / `init(exactly:)`.
public enum WireNumber {
    /// A delta-seconds value (RFC 3261 §25.1: `1*DIGIT`); more digits than fit saturate at
    /// `Int.max` (callers clamp to their own range). nil when it is not all digits.
    public static func seconds<S: StringProtocol>(_ text: S) -> Int? {
        let digits = text.utf8
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return Int.max }
            value = sum
        }
        return value
    }
}

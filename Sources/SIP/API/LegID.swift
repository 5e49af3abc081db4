/// Identifies one call leg (one INVITE dialog, inbound or outbound) for as long as the stack runs.
public struct LegID: Hashable, Sendable, CustomStringConvertible {
    public let raw: UInt64

    public init(raw: UInt64) { self.raw = raw }

    public var description: String { "leg-\(raw)" }
}

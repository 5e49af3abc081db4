/// Where a transfer may ring: an agent's registered phone, or an external number a trunk allows.
/// Everything else is refused, so a transfer is never a way around the trunks' `allow` rules.
public protocol TransferTargets: Sendable {
    /// The SIP URI to ring for `number` and whom it reaches, or why it may not be rung.
    func resolve(_ number: String) async -> Result<DialTarget, TransferRefusal>
}

public struct TransferRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

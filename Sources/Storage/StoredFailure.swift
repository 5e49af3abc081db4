import CallgateCore

/// A scenario failure as stored in `calls.errors`: a `Codable` mirror of `RecordedFailure`,
/// which the core only encodes. Its JSON is the same as the call record's.
public struct StoredFailure: Sendable, Hashable, Codable {
    /// Seconds since the call started.
    public var at: Double
    public var event: EventName
    public var role: ScenarioRole
    public var code: String
    public var message: String

    public init(at: Double, event: EventName, role: ScenarioRole, code: String, message: String) {
        self.at = at
        self.event = event
        self.role = role
        self.code = code
        self.message = message
    }

    public init(_ failure: RecordedFailure) {
        self.init(at: failure.at, event: failure.event, role: failure.role, code: failure.code, message: failure.message)
    }
}

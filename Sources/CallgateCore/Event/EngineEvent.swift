/// One thing that happened in the engine, sent to every `GET /api/events` subscriber as one
/// WebSocket text frame: `{"type": "call.offered", "time": 1763750000.25, "data": {…}}`.
///
/// Defined once here, in the core: the engine builds them, the HTTP layer only encodes them. Build
/// them with the factories in `EngineEvent+Types.swift` so the payloads stay as documented in docs/api.md.
public struct EngineEvent: Sendable, Hashable, Codable {
    /// What happened, e.g. "call.offered"; the names are listed in `EngineEvent.Types`.
    public var type: String
    /// When it happened, in seconds since 1970, from the engine's clock.
    public var time: Double
    /// The details, an object whose keys depend on `type`.
    public var data: JSONValue?

    public init(type: String, time: Double, data: JSONValue? = nil) {
        self.type = type
        self.time = time
        self.data = data
    }

    // `data` is written as null when absent so every frame has the same three keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(time, forKey: .time)
        try container.encode(data ?? .null, forKey: .data)
    }
}

import Hummingbird

/// The engine side of `GET /api/trunks`: where each trunk's registration with its carrier stands.
/// A backend without it has no such route.
public protocol TrunkBackend: Sendable {
    func trunkRegistrations() async -> [TrunkRegistrationView]
}

/// `GET /api/trunks`: the registrations of trunks with `register: true` (docs/outbound.md).
struct TrunkRoutes: Sendable {
    let backend: any TrunkBackend

    func register(on api: some RouterMethods<APIContext>) {
        api.get("/trunks") { _, _ -> TrunksView in
            TrunksView(registrations: await backend.trunkRegistrations())
        }
        api.rejectOtherMethods("/trunks", allowed: [.get])
    }
}

/// What `GET /api/trunks` reports.
public struct TrunksView: Sendable, Hashable, Codable, ResponseEncodable {
    public var registrations: [TrunkRegistrationView]

    public init(registrations: [TrunkRegistrationView]) {
        self.registrations = registrations
    }
}

/// One trunk's registration with its carrier.
public struct TrunkRegistrationView: Sendable, Hashable, Codable {
    public var trunk: String
    /// `registering`, `registered`, `failed` (tried again a minute later) or `unregistered`.
    public var state: String
    /// The carrier's last final status (200, 403, 408 …); null before the first.
    public var status: Int?
    public var reason: String
    /// The expiry the carrier granted, in seconds, while registered; null otherwise.
    public var expiresSeconds: Int?
    /// REGISTERs the carrier accepted: the first and each refresh.
    public var accepted: Int

    enum CodingKeys: String, CodingKey {
        case trunk, state, status, reason, accepted
        case expiresSeconds = "expires_seconds"
    }

    public init(trunk: String, state: String, status: Int?, reason: String, expiresSeconds: Int?, accepted: Int) {
        self.trunk = trunk
        self.state = state
        self.status = status
        self.reason = reason
        self.expiresSeconds = expiresSeconds
        self.accepted = accepted
    }

    // Every registration has the same keys: nulls are written.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(trunk, forKey: .trunk)
        try container.encode(state, forKey: .state)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(expiresSeconds, forKey: .expiresSeconds)
        try container.encode(accepted, forKey: .accepted)
    }
}

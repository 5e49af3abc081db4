/// What `GET /api/security` reports: the sources refused after failed SIP logins.
public struct SecurityView: Sendable, Hashable, Codable {
    public var bans: [BanView]

    public init(bans: [BanView]) {
        self.bans = bans
    }
}

/// One source banned after too many failed digest logins (docs/security.md).
public struct BanView: Sendable, Hashable, Codable {
    /// The IP address the failures came from.
    public var source: String
    /// nil: every request from `source` is refused; otherwise only those naming this extension.
    public var `extension`: String?
    /// When the ban ends, in seconds since 1970 (the API's time format).
    public var until: Int
    /// Failed logins counted when the ban started.
    public var failures: Int

    public init(source: String, extension: String?, until: Int, failures: Int) {
        self.source = source
        self.extension = `extension`
        self.until = until
        self.failures = failures
    }

    // `extension` is written as null for a whole-source ban, so every ban has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(`extension`, forKey: .extension)
        try container.encode(until, forKey: .until)
        try container.encode(failures, forKey: .failures)
    }

    enum CodingKeys: String, CodingKey { case source, `extension`, until, failures }
}

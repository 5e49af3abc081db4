/// How failed digest logins are throttled: `maxFailures` failures within `failureWindowSeconds`
/// ban their source for `banSeconds` (see ``AuthThrottle`` for the per-extension rule).
public struct AuthLimits: Sendable, Hashable {
    /// Failures (403s for wrong credentials) within the window that start a ban.
    public var maxFailures: Int
    /// How far back failures are counted, in seconds.
    public var failureWindowSeconds: Int
    /// How long a ban refuses every request of its source (or source and extension), in seconds.
    public var banSeconds: Int
    /// Most sources, extensions and pairs remembered at once, failures and bans together: a flood
    /// from forged addresses costs bounded memory.
    public var capacity: Int

    public init(maxFailures: Int = 5, failureWindowSeconds: Int = 60, banSeconds: Int = 300, capacity: Int = 10_000) {
        self.maxFailures = maxFailures
        self.failureWindowSeconds = failureWindowSeconds
        self.banSeconds = banSeconds
        self.capacity = capacity
    }
}

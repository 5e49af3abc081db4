/// Decides whether a REGISTER or INVITE that must authenticate may proceed: the ban check
/// first (before any hashing), then the digest check, then the bookkeeping of failures and
/// nonce counts. Pure: the Sofia agent feeds it requests and the time and carries its answers out.
///
/// Every refusal looks the same whether the extension exists or not: no credentials get 401 with
/// a challenge, wrong ones (unknown user, wrong password, another user's credentials, a `uri`
/// that is not the Request-URI) get 403 and count as a failure, and a banned source gets 403.
public struct Authenticator: Sendable {
    public private(set) var digest: DigestAuth
    public private(set) var nonceCounts: NonceCounter
    public private(set) var throttle: AuthThrottle

    public init(digest: DigestAuth, limits: AuthLimits) {
        self.digest = digest
        self.nonceCounts = NonceCounter(capacity: limits.capacity)
        self.throttle = AuthThrottle(limits: limits)
    }

    /// One request that must prove who sent it.
    public struct Attempt: Sendable {
        /// The IP address it came from (no port).
        public var source: String
        /// The extension it claims: a REGISTER's To user, an INVITE's From user.
        public var user: String
        public var method: String
        public var requestURI: String
        /// Its Authorization and Proxy-Authorization values.
        public var authorization: [String]

        public init(source: String, user: String, method: String, requestURI: String, authorization: [String]) {
            self.source = source
            self.user = user
            self.method = method
            self.requestURI = requestURI
            self.authorization = authorization
        }
    }

    public enum Decision: Sendable, Equatable {
        case accepted(user: String)
        /// 401 with this WWW-Authenticate value (fresh, or `stale=true`).
        case challenge(String, Reason)
        /// 403 for wrong credentials; `newBans` are the bans this failure started (log them once).
        case forbidden(newBans: [AuthBan])
        /// 403 before any check: the source (or the source for this extension) is banned.
        case banned(AuthBan)
    }

    /// Why a challenge was sent, for the log.
    public enum Reason: Sendable, Equatable { case noCredentials, stale, replayed }

    public mutating func admit(_ attempt: Attempt, users: [String: String], now: Int) -> Decision {
        if let ban = throttle.ban(source: attempt.source, extension: attempt.user, now: now) { return .banned(ban) }
        let verdict = digest.verify(headerValues: attempt.authorization, method: attempt.method,
                                    requestURI: attempt.requestURI, users: users, requiredUser: attempt.user,
                                    counts: &nonceCounts, now: now)
        switch verdict {
        case .accepted(let user):
            throttle.recordSuccess(source: attempt.source, extension: attempt.user)
            return .accepted(user: user)
        case .challenge:
            return .challenge(digest.challenge(now: now), .noCredentials)
        case .stale:
            return .challenge(digest.challenge(now: now, stale: true), .stale)
        case .replayed:
            return .challenge(digest.challenge(now: now, stale: true), .replayed)
        case .forbidden:
            return .forbidden(newBans: throttle.recordFailure(source: attempt.source, extension: attempt.user, now: now))
        }
    }

    /// The IP address of a `host:port` or `[v6]:port` source as Sofia reports it.
    public static func address(ofSource source: String) -> String {
        if source.hasPrefix("["), let close = source.firstIndex(of: "]") {
            return String(source[source.index(after: source.startIndex)..<close])
        }
        if let colon = source.lastIndex(of: ":"), source.firstIndex(of: ":") == colon { return String(source[..<colon]) }
        return source
    }
}

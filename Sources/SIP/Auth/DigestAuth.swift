import Crypto

/// HTTP digest authentication (RFC 2617, MD5, qop=auth or RFC 2069) for SIP with stateless
/// nonces: a nonce is its issue time and a random salt plus an HMAC of the realm, time and salt
/// under a per-process secret, so any nonce this process issued for this realm can be checked without remembering it
/// and expires by age. Pure: the time is always passed in.
///
/// Replay: the digest `uri` must name the request's Request-URI (``DigestURI``), and each use of
/// a nonce must carry a greater `nc` than the last (``NonceCounter``, which the caller owns);
/// a request without qop (RFC 2069) may use its nonce once.
/// No user enumeration: an unknown user's credentials are checked against a dummy hash and
/// refused exactly like a wrong password.
public struct DigestAuth: Sendable {
    public let realm: String
    /// Seconds a nonce is accepted; older ones get a `stale=true` challenge.
    public let nonceLifetime: Int
    private let secret: [UInt8]

    public init(realm: String, nonceLifetime: Int = 300, secret: [UInt8]? = nil) {
        self.realm = realm
        self.nonceLifetime = nonceLifetime
        self.secret = secret ?? SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// What became of a request's credentials.
    public enum Verdict: Sendable, Equatable {
        /// Right password, fresh nonce.
        case accepted(user: String)
        /// Send a (fresh) challenge: no credentials for our realm, or a nonce we did not issue.
        case challenge
        /// Right password but the nonce expired: challenge with `stale=true`.
        case stale
        /// Right password, but this nonce count was used already (a replay, or a client that
        /// reused its count): refused with a fresh `stale=true` challenge, so an honest client
        /// retries with a new nonce without asking its user.
        case replayed
        /// Unknown user, a user other than the one required, a wrong password, or a `uri` that is
        /// not the Request-URI: 403.
        case forbidden
    }

    // MARK: Challenge

    /// A `WWW-Authenticate` (or `Proxy-Authenticate`) header value.
    public func challenge(now: Int, stale: Bool = false) -> String {
        var value = "Digest realm=\"\(realm)\", nonce=\"\(nonce(now: now))\", algorithm=MD5, qop=\"auth\""
        if stale { value += ", stale=true" }
        return value
    }

    /// `<issue time, 16 hex digits><salt, 16 random hex digits><HMAC-SHA256 of realm, time and
    /// salt, first 16 bytes in hex>`. The salt makes every challenge's nonce unique: nonce counts
    /// are kept per nonce, and two phones challenged in the same second must not share one.
    public func nonce(now: Int) -> String {
        let stamp = hex16(UInt64(max(now, 0)))
        var random = SystemRandomNumberGenerator()
        let salt = hex16(random.next())
        return stamp + salt + mac(stamp + salt)
    }

    public enum NonceState: Sendable, Equatable { case fresh, expired, invalid }

    public func checkNonce(_ nonce: String, now: Int) -> NonceState {
        guard nonce.utf8.count == 64, nonce.utf8.allSatisfy({ $0 < 0x80 }) else { return .invalid }
        let stamped = String(nonce.prefix(32))
        guard let issued = UInt64(nonce.prefix(16), radix: 16), constantTimeEqual(String(nonce.dropFirst(32)), mac(stamped))
        else { return .invalid }
        let age = Int64(now) - Int64(issued)
        if age < -60 { return .invalid }
        return age > Int64(nonceLifetime) ? .expired : .fresh
    }

    // MARK: Verification

    /// Checks the credentials of a request against `users` (user -> HA1 hex) and, when they are
    /// right, records their nonce count in `counts`.
    /// - Parameters:
    ///   - headerValues: every Authorization / Proxy-Authorization value of the request.
    ///   - requestURI: the request's Request-URI, which the digest `uri` must name.
    ///   - requiredUser: when set, only this user may authenticate (a REGISTER's To user, an
    ///     INVITE's From user); credentials of anyone else are `forbidden`.
    public func verify(headerValues: [String], method: String, requestURI: String, users: [String: String],
                       requiredUser: String? = nil, counts: inout NonceCounter, now: Int) -> Verdict {
        let ours = headerValues.compactMap(DigestCredentials.parse).filter { $0.realm == realm }
        guard let credentials = ours.first else { return .challenge }
        if let algorithm = credentials.algorithm, algorithm.uppercased() != "MD5" { return .challenge }
        // Nonce first, user after: a forged nonce gets the same answer whoever it names.
        let nonceState = checkNonce(credentials.nonce, now: now)
        if nonceState == .invalid { return .challenge }
        guard DigestURI.matches(credentials.uri, requestURI: requestURI) else { return .forbidden }
        // An unknown user costs the same hash as a known one and ends the same way.
        let known = users[credentials.username]
        let expected = Self.response(ha1: known ?? Self.unknownUserHA1, nonce: credentials.nonce,
                                     nc: credentials.nc, cnonce: credentials.cnonce, qop: credentials.qop,
                                     method: method, uri: credentials.uri)
        let rightResponse = expected.map { constantTimeEqual($0, credentials.response.lowercased()) } ?? false
        let rightUser = requiredUser == nil || requiredUser == credentials.username
        guard rightResponse, known != nil, rightUser else { return .forbidden }
        if nonceState == .expired { return .stale }
        var count: UInt32?
        if credentials.qop != nil {
            guard let nc = credentials.nc, nc.utf8.count == 8, let value = UInt32(nc, radix: 16) else { return .forbidden }
            count = value
        }
        let issued = Self.issueTime(of: credentials.nonce) ?? now
        guard counts.use(nonce: credentials.nonce, count: count, issuedAt: issued,
                         expiresAt: issued + nonceLifetime, now: now)
        else { return .replayed }
        return .accepted(user: credentials.username)
    }

    /// Stands in for the HA1 of a user nobody configured; no password hashes to it.
    static let unknownUserHA1 = String(repeating: "0", count: 32)

    static func issueTime(of nonce: String) -> Int? {
        UInt64(nonce.prefix(16), radix: 16).flatMap { Int(exactly: $0) }
    }

    // MARK: The arithmetic

    /// MD5("user:realm:password") in lowercase hex: the form credentials are stored in.
    public static func ha1(user: String, realm: String, password: String) -> String {
        md5Hex("\(user):\(realm):\(password)")
    }

    /// The expected `response`: with qop=auth MD5(HA1:nonce:nc:cnonce:auth:HA2), without qop
    /// (RFC 2069) MD5(HA1:nonce:HA2), where HA2 = MD5(method:uri). nil for qop values other than
    /// auth, or qop without nc/cnonce.
    public static func response(ha1: String, nonce: String, nc: String?, cnonce: String?, qop: String?,
                                method: String, uri: String) -> String? {
        let ha2 = md5Hex("\(method):\(uri)")
        let ha1 = ha1.lowercased()
        guard let qop else { return md5Hex("\(ha1):\(nonce):\(ha2)") }
        guard qop.lowercased() == "auth", let nc, let cnonce else { return nil }
        return md5Hex("\(ha1):\(nonce):\(nc):\(cnonce):\(qop):\(ha2)")
    }

    static func md5Hex(_ text: String) -> String {
        hex(Insecure.MD5.hash(data: Array(text.utf8)))
    }

    /// The realm is inside the MAC: a nonce issued for one realm is invalid in another, even
    /// under the same secret.
    private func mac(_ stamp: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array("\(realm):\(stamp)".utf8), using: SymmetricKey(data: secret))
        return String(hex(code).prefix(32))
    }

    private func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

private func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}

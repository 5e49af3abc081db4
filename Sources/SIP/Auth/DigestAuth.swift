import Crypto

/// HTTP digest authentication (RFC 2617, MD5, qop=auth or RFC 2069) for SIP with stateless
/// nonces: a nonce is its issue time plus an HMAC of it under a per-process secret, so any
/// nonce this process issued can be checked without remembering it and expires by age.
/// Pure: the time is always passed in.
///
/// Nonce counts are not tracked, so a captured request can be replayed while its nonce is fresh
/// (at most `nonceLifetime` seconds); the stack limits the damage by binding credentials to a user.
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
        /// Unknown user, a user other than the one required, or a wrong password: 403.
        case forbidden
    }

    // MARK: Challenge

    /// A `WWW-Authenticate` (or `Proxy-Authenticate`) header value.
    public func challenge(now: Int, stale: Bool = false) -> String {
        var value = "Digest realm=\"\(realm)\", nonce=\"\(nonce(now: now))\", algorithm=MD5, qop=\"auth\""
        if stale { value += ", stale=true" }
        return value
    }

    /// `<issue time, 16 hex digits><HMAC-SHA256 of it, first 16 bytes in hex>`.
    public func nonce(now: Int) -> String {
        let stamp = hex16(UInt64(max(now, 0)))
        return stamp + mac(stamp)
    }

    public enum NonceState: Sendable, Equatable { case fresh, expired, invalid }

    public func checkNonce(_ nonce: String, now: Int) -> NonceState {
        guard nonce.utf8.count == 48 else { return .invalid }
        let stamp = String(nonce.prefix(16))
        guard let issued = UInt64(stamp, radix: 16), constantTimeEqual(String(nonce.dropFirst(16)), mac(stamp))
        else { return .invalid }
        let age = Int64(now) - Int64(issued)
        if age < -60 { return .invalid }
        return age > Int64(nonceLifetime) ? .expired : .fresh
    }

    // MARK: Verification

    /// Checks the credentials of a request against `users` (user -> HA1 hex).
    /// - Parameters:
    ///   - headerValues: every Authorization / Proxy-Authorization value of the request.
    ///   - requiredUser: when set, only this user may authenticate (a REGISTER's To user, an
    ///     INVITE's From user); credentials of anyone else are `forbidden`.
    public func verify(headerValues: [String], method: String, users: [String: String],
                       requiredUser: String? = nil, now: Int) -> Verdict {
        let ours = headerValues.compactMap(DigestCredentials.parse).filter { $0.realm == realm }
        guard let credentials = ours.first else { return .challenge }
        if let algorithm = credentials.algorithm, algorithm.uppercased() != "MD5" { return .challenge }
        guard let ha1 = users[credentials.username] else { return .forbidden }
        if let requiredUser, requiredUser != credentials.username { return .forbidden }
        let nonceState = checkNonce(credentials.nonce, now: now)
        if nonceState == .invalid { return .challenge }
        let expected = Self.response(ha1: ha1, nonce: credentials.nonce, nc: credentials.nc,
                                     cnonce: credentials.cnonce, qop: credentials.qop,
                                     method: method, uri: credentials.uri)
        guard let expected, constantTimeEqual(expected, credentials.response.lowercased()) else { return .forbidden }
        return nonceState == .expired ? .stale : .accepted(user: credentials.username)
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

    private func mac(_ stamp: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(stamp.utf8), using: SymmetricKey(data: secret))
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

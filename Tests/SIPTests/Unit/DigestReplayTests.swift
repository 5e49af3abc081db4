@testable import SIP
import Testing

/// Replay and guessing defences of `DigestAuth`: the `uri` check, nonce counts, realm binding,
/// RFC 2069 once, and unknown users answered like wrong passwords.
@Suite struct DigestReplayTests {
    let auth = DigestAuth(realm: "callgate", nonceLifetime: 300, secret: Array("test secret".utf8))
    let users = ["1001": DigestAuth.ha1(user: "1001", realm: "callgate", password: "demo1001")]
    static let requestURI = "sip:127.0.0.1:5060"

    func header(user: String = "1001", password: String = "demo1001", nonce: String, uri: String = requestURI,
                nc: String? = "00000001", method: String = "REGISTER") -> String {
        let ha1 = DigestAuth.ha1(user: user, realm: "callgate", password: password)
        let response = DigestAuth.response(ha1: ha1, nonce: nonce, nc: nc, cnonce: nc == nil ? nil : "c0ffee",
                                           qop: nc == nil ? nil : "auth", method: method, uri: uri)!
        let qop = nc.map { ", qop=auth, nc=\($0), cnonce=\"c0ffee\"" } ?? ""
        return "Digest username=\"\(user)\", realm=\"callgate\", nonce=\"\(nonce)\", uri=\"\(uri)\", "
            + "response=\"\(response)\", algorithm=MD5\(qop)"
    }

    func verify(_ header: String, requestURI: String = requestURI, in table: Table,
                now: Int = 1_010) -> DigestAuth.Verdict {
        auth.verify(headerValues: [header], method: "REGISTER", requestURI: requestURI, users: users,
                    requiredUser: "1001", counts: &table.counts, now: now)
    }

    /// The nonce-count table, shared by reference so `#expect` can call through it.
    final class Table {
        var counts: NonceCounter
        init(capacity: Int = 10_000) { counts = NonceCounter(capacity: capacity) }
        @discardableResult
        func use(nonce: String, count: UInt32?, issuedAt: Int, expiresAt: Int, now: Int) -> Bool {
            counts.use(nonce: nonce, count: count, issuedAt: issuedAt, expiresAt: expiresAt, now: now)
        }
    }

    // MARK: uri

    @Test func uriThatIsNotTheRequestURIIsForbidden() {
        let n = auth.nonce(now: 1_000)
        let table = Table()
        #expect(verify(header(nonce: n), requestURI: "sip:127.0.0.1:5061", in: table) == .forbidden)
        #expect(verify(header(nonce: n), requestURI: "sip:1001@127.0.0.1:5060", in: table) == .forbidden)
        #expect(verify(header(nonce: n, uri: "sip:evil.example.com"), in: table) == .forbidden)
        #expect(table.counts.count == 0)
    }

    @Test func uriEquivalentToTheRequestURIIsAccepted() {
        let n = auth.nonce(now: 1_000)
        let table = Table()
        #expect(verify(header(nonce: n, uri: "SIP:127.0.0.1:5060"), in: table) == .accepted(user: "1001"))
    }

    @Test(arguments: [
        ("sip:1001@Example.COM:5060", "sip:1001@example.com:5060", true),
        ("sip:1001@example.com;transport=TCP", "sip:1001@example.com;transport=tcp", true),
        ("sip:1001@example.com;lr;foo=1", "sip:1001@example.com", true),
        ("sip:%31001@example.com", "sip:1001@example.com", true),
        ("sip:[::1]:5060", "sip:[::1]:5060", true),
        ("sip:1001@example.com", "sip:1001@example.com:5060", false),
        ("sip:1001@example.com;transport=tcp", "sip:1001@example.com", false),
        ("sip:1001@example.com;foo=1", "sip:1001@example.com;foo=2", false),
        ("sip:ALICE@example.com", "sip:alice@example.com", false),
        ("sips:1001@example.com", "sip:1001@example.com", false),
        ("sip:1001@example.com?subject=x", "sip:1001@example.com", false),
        ("*", "sip:example.com", false),
        ("sip:", "sip:example.com", false),
    ])
    func sipURIsCompareAsRFC3261Says(_ a: String, _ b: String, _ equivalent: Bool) {
        #expect(DigestURI.matches(a, requestURI: b) == equivalent)
        #expect(DigestURI.matches(b, requestURI: a) == equivalent)
    }

    // MARK: nonce counts

    @Test func theSameAuthorizationTwiceIsAReplay() {
        let n = auth.nonce(now: 1_000)
        let table = Table()
        #expect(verify(header(nonce: n), in: table) == .accepted(user: "1001"))
        #expect(verify(header(nonce: n), in: table) == .replayed)
        #expect(verify(header(nonce: n, nc: "00000002"), in: table) == .accepted(user: "1001"))
        #expect(verify(header(nonce: n, nc: "00000002"), in: table) == .replayed)
        #expect(verify(header(nonce: n, nc: "00000001"), in: table) == .replayed)
        #expect(verify(header(nonce: n, nc: "0000000a"), in: table) == .accepted(user: "1001"))
    }

    /// Two phones challenged in the same second both start counting at 1 (baresip does so per
    /// dialog): their nonces must differ.
    @Test func everyChallengeHasItsOwnNonce() {
        let table = Table()
        let first = auth.nonce(now: 1_000), second = auth.nonce(now: 1_000)
        #expect(first != second)
        #expect(verify(header(nonce: first), in: table) == .accepted(user: "1001"))
        #expect(verify(header(nonce: second), in: table) == .accepted(user: "1001"))
    }

    @Test func countsAreKeptPerNonce() {
        let table = Table()
        #expect(verify(header(nonce: auth.nonce(now: 1_000)), in: table) == .accepted(user: "1001"))
        #expect(verify(header(nonce: auth.nonce(now: 1_001)), in: table) == .accepted(user: "1001"))
        #expect(table.counts.count == 2)
    }

    @Test func aMalformedCountIsForbidden() {
        let table = Table()
        #expect(verify(header(nonce: auth.nonce(now: 1_000), nc: "1"), in: table) == .forbidden)
        #expect(verify(header(nonce: auth.nonce(now: 1_000), nc: "zzzzzzzz"), in: table) == .forbidden)
    }

    @Test func rfc2069CredentialsAreGoodOncePerNonce() {
        let n = auth.nonce(now: 1_000)
        let table = Table()
        #expect(verify(header(nonce: n, nc: nil), in: table) == .accepted(user: "1001"))
        #expect(verify(header(nonce: n, nc: nil), in: table) == .replayed)
        #expect(verify(header(nonce: n, nc: "00000002"), in: table) == .replayed)
        #expect(verify(header(nonce: auth.nonce(now: 1_001), nc: nil), in: table) == .accepted(user: "1001"))
    }

    @Test func anExpiredNonceIsStaleNotCounted() {
        let n = auth.nonce(now: 1_000)
        let table = Table()
        #expect(verify(header(nonce: n), in: table, now: 1_301) == .stale)
        #expect(table.counts.count == 0)
    }

    @Test func theCountTableIsBoundedAndNeverForgetsIntoAcceptance() {
        let table = Table(capacity: 100)
        for second in 0..<250 {
            #expect(table.use(nonce: "n\(second)", count: 1, issuedAt: second, expiresAt: second + 1_000, now: second))
            #expect(table.counts.count <= 100)
        }
        // "n0" was pushed out by the cap: refused, not accepted afresh.
        #expect(!table.use(nonce: "n0", count: 2, issuedAt: 0, expiresAt: 1_000, now: 250))
        #expect(table.use(nonce: "n249", count: 2, issuedAt: 249, expiresAt: 1_249, now: 250))
    }

    @Test func expiredEntriesLeaveTheTable() {
        let table = Table(capacity: 10)
        for i in 0..<10 { table.use(nonce: "old\(i)", count: 1, issuedAt: 0, expiresAt: 300, now: 0) }
        #expect(table.use(nonce: "new", count: 1, issuedAt: 400, expiresAt: 700, now: 400))
        #expect(table.counts.count == 1)
    }

    // MARK: realm and users

    @Test func aNonceIsBoundToItsRealm() {
        let secret = Array("shared secret".utf8)
        let a = DigestAuth(realm: "a.example", secret: secret)
        let b = DigestAuth(realm: "b.example", secret: secret)
        let nonce = a.nonce(now: 1_000)
        #expect(a.checkNonce(nonce, now: 1_000) == .fresh)
        #expect(b.checkNonce(nonce, now: 1_000) == .invalid)
    }

    @Test func anUnknownUserIsAnsweredLikeAWrongPassword() {
        let n = auth.nonce(now: 1_000)
        let forged = String(n.prefix(16)) + String(repeating: "0", count: 32)
        let table = Table()
        func as9999(_ header: String) -> DigestAuth.Verdict {
            auth.verify(headerValues: [header], method: "REGISTER", requestURI: Self.requestURI, users: users,
                        requiredUser: "9999", counts: &table.counts, now: 1_010)
        }
        #expect(verify(header(password: "guess", nonce: n), in: table) == .forbidden)
        #expect(as9999(header(user: "9999", password: "guess", nonce: n)) == .forbidden)
        #expect(verify(header(nonce: forged), in: table) == .challenge)
        #expect(as9999(header(user: "9999", nonce: forged)) == .challenge)
        #expect(verify(header(nonce: n, uri: "sip:x"), in: table) == .forbidden)
        #expect(as9999(header(user: "9999", nonce: n, uri: "sip:x")) == .forbidden)
        #expect(auth.verify(headerValues: [], method: "REGISTER", requestURI: Self.requestURI, users: users,
                            requiredUser: "9999", counts: &table.counts, now: 1_010) == .challenge)
    }
}

@testable import SIP
import Testing

@Suite struct DigestAuthTests {
    // RFC 2617 section 3.5.
    let rfcHeader = """
        Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", \
        uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", \
        response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"
        """

    @Test func rfc2617ExampleGivesItsResponse() {
        let ha1 = DigestAuth.ha1(user: "Mufasa", realm: "testrealm@host.com", password: "Circle Of Life")
        #expect(ha1 == "939e7578ed9e3c518a452acee763bce9")
        let response = DigestAuth.response(ha1: ha1, nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", nc: "00000001",
                                           cnonce: "0a4f113b", qop: "auth", method: "GET", uri: "/dir/index.html")
        #expect(response == "6629fae49393a05397450978507c4ef1")
    }

    @Test func rfc2069FormHasNoQop() {
        // RFC 2069's example (password "CircleOfLife"), as corrected in its errata.
        let ha1 = DigestAuth.ha1(user: "Mufasa", realm: "testrealm@host.com", password: "CircleOfLife")
        let response = DigestAuth.response(ha1: ha1, nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", nc: nil,
                                           cnonce: nil, qop: nil, method: "GET", uri: "/dir/index.html")
        #expect(response == "1949323746fe6a43ef61f9606e7febea")
    }

    @Test func parsesTheRFCAuthorizationHeader() throws {
        let c = try #require(DigestCredentials.parse(rfcHeader))
        #expect(c.username == "Mufasa")
        #expect(c.realm == "testrealm@host.com")
        #expect(c.nonce == "dcd98b7102dd2f0e8b11d0f600bfb0c093")
        #expect(c.uri == "/dir/index.html")
        #expect(c.qop == "auth")
        #expect(c.nc == "00000001")
        #expect(c.cnonce == "0a4f113b")
        #expect(c.response == "6629fae49393a05397450978507c4ef1")
        #expect(c.opaque == "5ccc069c403ebaf9f0171e9517f40e41")
    }

    @Test(arguments: [
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        "Digest realm=\"x\", nonce=\"n\"",
        "",
        "Digest",
        "Digest username=\"a\\\"b\", realm=\"r\", nonce=\"n\", uri=\"u\"",
    ])
    func rejectsHeadersThatAreNotCompleteDigestCredentials(_ header: String) {
        #expect(DigestCredentials.parse(header) == nil)
    }

    @Test func quotedValuesMayHoldCommasAndEscapes() throws {
        let c = try #require(DigestCredentials.parse(
            #"digest USERNAME="a\"b", realm="x, y", nonce=n1, uri="sip:a@b;transport=tcp", response="R""#))
        #expect(c.username == "a\"b")
        #expect(c.realm == "x, y")
        #expect(c.nonce == "n1")
        #expect(c.uri == "sip:a@b;transport=tcp")
    }

    // MARK: Verifying what a client computes from our challenge

    let auth = DigestAuth(realm: "callgate", nonceLifetime: 300, secret: Array("test secret".utf8))
    let users = ["1001": DigestAuth.ha1(user: "1001", realm: "callgate", password: "demo1001")]

    func clientHeader(user: String = "1001", password: String = "demo1001", realm: String = "callgate",
                      nonce: String, qop: Bool = true, method: String = "REGISTER") -> String {
        let ha1 = DigestAuth.ha1(user: user, realm: realm, password: password)
        let uri = "sip:127.0.0.1:5060"
        let response = DigestAuth.response(ha1: ha1, nonce: nonce, nc: qop ? "00000001" : nil,
                                           cnonce: qop ? "c0ffee" : nil, qop: qop ? "auth" : nil,
                                           method: method, uri: uri)!
        let qopPart = qop ? ", qop=auth, nc=00000001, cnonce=\"c0ffee\"" : ""
        return "Digest username=\"\(user)\", realm=\"\(realm)\", nonce=\"\(nonce)\", uri=\"\(uri)\", "
            + "response=\"\(response)\", algorithm=MD5\(qopPart)"
    }

    /// Checks with a fresh nonce-count table, the Request-URI the helper's header names.
    func verify(headerValues: [String], method: String, users: [String: String], requiredUser: String? = nil,
                now: Int) -> DigestAuth.Verdict {
        var counts = NonceCounter()
        return auth.verify(headerValues: headerValues, method: method, requestURI: "sip:127.0.0.1:5060", users: users,
                           requiredUser: requiredUser, counts: &counts, now: now)
    }

    func nonce(from challenge: String) throws -> String {
        let params = DigestCredentials.parseParameters(challenge.dropFirst("Digest".count))
        return try #require(params["nonce"])
    }

    @Test func challengeNamesRealmNonceMD5AndQop() throws {
        let challenge = auth.challenge(now: 1_000)
        #expect(challenge.hasPrefix("Digest realm=\"callgate\", nonce=\""))
        #expect(challenge.contains("algorithm=MD5"))
        #expect(challenge.contains("qop=\"auth\""))
        #expect(!challenge.contains("stale"))
        #expect(auth.challenge(now: 1_000, stale: true).hasSuffix(", stale=true"))
        #expect(auth.checkNonce(try nonce(from: challenge), now: 1_000) == .fresh)
    }

    @Test func rightPasswordIsAccepted() throws {
        let n = auth.nonce(now: 1_000)
        #expect(verify(headerValues: [clientHeader(nonce: n)], method: "REGISTER", users: users, now: 1_010)
                == .accepted(user: "1001"))
        #expect(verify(headerValues: [clientHeader(nonce: n, qop: false)], method: "REGISTER", users: users,
                            now: 1_010) == .accepted(user: "1001"))
    }

    @Test func wrongPasswordOrUnknownUserIsForbidden() {
        let n = auth.nonce(now: 1_000)
        #expect(verify(headerValues: [clientHeader(password: "guess", nonce: n)], method: "REGISTER",
                            users: users, now: 1_000) == .forbidden)
        #expect(verify(headerValues: [clientHeader(user: "9999", nonce: n)], method: "REGISTER",
                            users: users, now: 1_000) == .forbidden)
    }

    @Test func credentialsOfAnotherUserAreForbidden() {
        let n = auth.nonce(now: 1_000)
        #expect(verify(headerValues: [clientHeader(nonce: n)], method: "REGISTER", users: users,
                            requiredUser: "1002", now: 1_000) == .forbidden)
    }

    @Test func responseForAnotherMethodIsForbidden() {
        let n = auth.nonce(now: 1_000)
        #expect(verify(headerValues: [clientHeader(nonce: n, method: "INVITE")], method: "REGISTER",
                            users: users, now: 1_000) == .forbidden)
    }

    @Test func missingForeignOrForgedCredentialsGetAChallenge() {
        let n = auth.nonce(now: 1_000)
        #expect(verify(headerValues: [], method: "REGISTER", users: users, now: 1_000) == .challenge)
        #expect(verify(headerValues: [clientHeader(realm: "other", nonce: n)], method: "REGISTER",
                            users: users, now: 1_000) == .challenge)
        let forged = String(n.prefix(16)) + String(repeating: "0", count: 32)
        #expect(verify(headerValues: [clientHeader(nonce: forged)], method: "REGISTER", users: users,
                            now: 1_000) == .challenge)
        let otherProcess = DigestAuth(realm: "callgate", secret: Array("another secret".utf8)).nonce(now: 1_000)
        #expect(verify(headerValues: [clientHeader(nonce: otherProcess)], method: "REGISTER", users: users,
                            now: 1_000) == .challenge)
    }

    @Test func oldNonceWithRightPasswordIsStale() {
        let n = auth.nonce(now: 1_000)
        #expect(auth.checkNonce(n, now: 1_300) == .fresh)
        #expect(auth.checkNonce(n, now: 1_301) == .expired)
        #expect(verify(headerValues: [clientHeader(nonce: n)], method: "REGISTER", users: users, now: 1_301)
                == .stale)
        #expect(verify(headerValues: [clientHeader(password: "guess", nonce: n)], method: "REGISTER",
                            users: users, now: 1_301) == .forbidden)
    }

    @Test func nonceFromTheFutureIsInvalid() {
        #expect(auth.checkNonce(auth.nonce(now: 5_000), now: 1_000) == .invalid)
        #expect(auth.checkNonce("not a nonce", now: 1_000) == .invalid)
    }
}
